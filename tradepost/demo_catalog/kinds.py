"""What the demo sells: one product kind per leaf category, with its noun in eleven languages,
how its variants are built, a price range (in US cents, converted to the store's currency) and
the shape its pictures are drawn with.
"""

from dataclasses import dataclass

from tradepost.demo_catalog.categories import LANGUAGES

APPAREL_SIZES = ("XS", "S", "M", "L", "XL", "XXL")
SHOE_SIZES = ("38", "39", "40", "41", "42", "43", "44")
COLOURS = {  # name → RGB
    "Black": (34, 34, 38),
    "White": (236, 236, 232),
    "Red": (200, 40, 48),
    "Navy": (32, 52, 110),
    "Green": (46, 139, 87),
    "Beige": (214, 190, 150),
    "Pink": (232, 130, 170),
    "Grey": (128, 128, 136),
}


@dataclass(frozen=True)
class Kind:
    category: str
    nouns: str  # "|"-separated, in LANGUAGES order
    options: str  # "apparel", "shoes", "colour", "capacity", "size", "single"
    price_usd: tuple[int, int]  # cents
    weight_g: int
    hs_code: str
    shape: str
    material: str = ""
    capacities: tuple[str, ...] = ()

    def noun(self, language: str) -> str:
        return dict(zip(LANGUAGES, self.nouns.split("|"), strict=True))[language]


K = Kind
KINDS: tuple[Kind, ...] = (
    K("dresses", "Dress|Vestido|Robe|Kleid|ワンピース|원피스|连衣裙|Платье|Vestido|Elbise|Sukienka", "apparel", (1200, 6500), 300, "620442", "dress", "Cotton"),
    K("womens-tops", "Blouse|Blusa|Chemisier|Bluse|ブラウス|블라우스|衬衫|Блузка|Blusa|Bluz|Bluzka", "apparel", (900, 4500), 200, "620630", "shirt", "Viscose"),
    K("t-shirts", "T-shirt|Camiseta|T-shirt|T-Shirt|Tシャツ|티셔츠|T恤|Футболка|Camiseta|Tişört|Koszulka", "apparel", (500, 2900), 180, "610910", "shirt", "Cotton"),
    K("hoodies", "Hoodie|Sudadera con capucha|Sweat à capuche|Kapuzenpullover|パーカー|후드티|连帽卫衣|Худи|Moletom com capuz|Kapüşonlu sweatshirt|Bluza z kapturem", "apparel", (1800, 6900), 550, "611020", "hoodie", "Cotton fleece"),
    K("sneakers", "Sneakers|Zapatillas|Baskets|Sneaker|スニーカー|스니커즈|运动鞋|Кроссовки|Tênis|Spor ayakkabı|Sneakersy", "shoes", (2500, 12000), 800, "640411", "shoe", "Mesh"),
    K("bags", "Backpack|Mochila|Sac à dos|Rucksack|リュック|백팩|双肩包|Рюкзак|Mochila|Sırt çantası|Plecak", "colour", (1500, 8000), 700, "420292", "bag", "Nylon"),
    K("phone-cases", "Phone case|Funda para móvil|Coque de téléphone|Handyhülle|スマホケース|휴대폰 케이스|手机壳|Чехол для телефона|Capinha de celular|Telefon kılıfı|Etui na telefon", "colour", (200, 1800), 40, "392690", "phone", "TPU"),
    K("power-banks", "Power bank|Batería externa|Batterie externe|Powerbank|モバイルバッテリー|보조배터리|充电宝|Внешний аккумулятор|Carregador portátil|Powerbank|Powerbank", "capacity", (1200, 6000), 300, "850760", "battery", capacities=("10000 mAh", "20000 mAh", "30000 mAh")),
    K("cables-chargers", "USB-C charger|Cargador USB-C|Chargeur USB-C|USB-C-Ladegerät|USB-C充電器|USB-C 충전기|USB-C充电器|Зарядное устройство USB-C|Carregador USB-C|USB-C şarj cihazı|Ładowarka USB-C", "capacity", (500, 4500), 120, "850440", "plug", capacities=("20 W", "45 W", "65 W")),
    K("headphones", "Wireless earbuds|Auriculares inalámbricos|Écouteurs sans fil|Kabellose Ohrhörer|ワイヤレスイヤホン|무선 이어폰|无线耳机|Беспроводные наушники|Fones sem fio|Kablosuz kulaklık|Słuchawki bezprzewodowe", "colour", (1500, 15000), 60, "851830", "headphones"),
    K("speakers", "Bluetooth speaker|Altavoz Bluetooth|Enceinte Bluetooth|Bluetooth-Lautsprecher|Bluetoothスピーカー|블루투스 스피커|蓝牙音箱|Bluetooth-колонка|Caixa de som Bluetooth|Bluetooth hoparlör|Głośnik Bluetooth", "colour", (2000, 12000), 600, "851822", "speaker"),
    K("smartwatches", "Smartwatch|Reloj inteligente|Montre connectée|Smartwatch|スマートウォッチ|스마트워치|智能手表|Умные часы|Relógio inteligente|Akıllı saat|Smartwatch", "capacity", (3000, 25000), 90, "851762", "watch", capacities=("41 mm", "45 mm")),
    K("usb-drives", "USB flash drive|Memoria USB|Clé USB|USB-Stick|USBメモリ|USB 메모리|U盘|USB-флешка|Pen drive|USB bellek|Pendrive", "capacity", (400, 4000), 20, "852351", "usb", capacities=("64 GB", "128 GB", "256 GB", "512 GB")),
    K("cookware", "Frying pan|Sartén|Poêle|Bratpfanne|フライパン|프라이팬|煎锅|Сковорода|Frigideira|Tava|Patelnia", "size", (1500, 9000), 1200, "732393", "pan", "Aluminium", capacities=("24 cm", "28 cm", "32 cm")),
    K("kitchen-knives", "Chef's knife|Cuchillo de chef|Couteau de chef|Kochmesser|牛刀|셰프 나이프|厨师刀|Поварской нож|Faca de chef|Şef bıçağı|Nóż szefa kuchni", "single", (1500, 18000), 250, "821191", "knife", "Stainless steel"),
    K("water-bottles", "Water bottle|Botella de agua|Gourde|Trinkflasche|ウォーターボトル|물병|水瓶|Бутылка для воды|Garrafa de água|Su şişesi|Butelka na wodę", "colour", (600, 3500), 350, "732393", "bottle", "Stainless steel"),
    K("led-lamps", "LED desk lamp|Lámpara LED de escritorio|Lampe de bureau LED|LED-Schreibtischlampe|LEDデスクライト|LED 스탠드|LED台灯|Светодиодная настольная лампа|Luminária de mesa LED|LED masa lambası|Lampka biurkowa LED", "colour", (1200, 7000), 900, "940520", "lamp"),
    K("garden-tools", "Pruning shears|Tijeras de podar|Sécateur|Gartenschere|剪定ばさみ|전지가위|修枝剪|Секатор|Tesoura de poda|Budama makası|Sekator", "single", (800, 5000), 300, "820140", "shears", "Carbon steel"),
    K("yoga-mats", "Yoga mat|Esterilla de yoga|Tapis de yoga|Yogamatte|ヨガマット|요가 매트|瑜伽垫|Коврик для йоги|Tapete de ioga|Yoga matı|Mata do jogi", "colour", (1000, 6000), 1100, "950691", "mat", "TPE"),
    K("dumbbells", "Dumbbell set|Juego de mancuernas|Set d'haltères|Hantelset|ダンベルセット|덤벨 세트|哑铃套装|Набор гантелей|Kit de halteres|Dambıl seti|Zestaw hantli", "size", (2000, 15000), 10000, "950691", "dumbbell", "Cast iron", capacities=("2 × 5 kg", "2 × 10 kg", "2 × 20 kg")),
    K("tents", "Camping tent|Tienda de campaña|Tente de camping|Campingzelt|キャンプテント|캠핑 텐트|露营帐篷|Туристическая палатка|Barraca de camping|Kamp çadırı|Namiot turystyczny", "size", (4000, 30000), 2500, "630622", "tent", "Polyester", capacities=("2 people", "3 people", "4 people")),
    K("skin-care", "Face cream|Crema facial|Crème visage|Gesichtscreme|フェイスクリーム|페이스 크림|面霜|Крем для лица|Creme facial|Yüz kremi|Krem do twarzy", "single", (800, 6000), 120, "330499", "jar"),
    K("makeup", "Makeup brush set|Set de brochas de maquillaje|Set de pinceaux de maquillage|Make-up-Pinselset|メイクブラシセット|메이크업 브러시 세트|化妆刷套装|Набор кистей для макияжа|Kit de pincéis de maquiagem|Makyaj fırçası seti|Zestaw pędzli do makijażu", "single", (600, 4000), 200, "960329", "brushes"),
    K("supplements", "Vitamin D3 capsules|Cápsulas de vitamina D3|Gélules de vitamine D3|Vitamin-D3-Kapseln|ビタミンD3カプセル|비타민 D3 캡슐|维生素D3胶囊|Капсулы витамина D3|Cápsulas de vitamina D3|D3 vitamini kapsülü|Kapsułki z witaminą D3", "single", (700, 3500), 150, "210690", "capsules"),
    K("medicines", "Pain relief tablets|Comprimidos analgésicos|Comprimés antidouleur|Schmerztabletten|鎮痛錠|진통제|止痛片|Обезболивающие таблетки|Comprimidos analgésicos|Ağrı kesici tablet|Tabletki przeciwbólowe", "single", (400, 2000), 60, "300490", "pills"),
    K("building-blocks", "Building block set|Set de bloques de construcción|Jeu de construction|Bausteinset|ブロックセット|블록 세트|积木套装|Конструктор|Kit de blocos de montar|Yapı blok seti|Zestaw klocków", "single", (1000, 12000), 900, "950300", "blocks", "ABS plastic"),
    K("plush-toys", "Plush bear|Oso de peluche|Ours en peluche|Plüschbär|くまのぬいぐるみ|곰 인형|毛绒熊|Плюшевый мишка|Urso de pelúcia|Peluş ayı|Pluszowy miś", "size", (600, 4000), 300, "950300", "bear", "Polyester", capacities=("25 cm", "40 cm", "60 cm")),
    K("rc-cars", "RC car|Coche teledirigido|Voiture télécommandée|RC-Auto|ラジコンカー|RC카|遥控车|Радиоуправляемая машина|Carrinho de controle remoto|Uzaktan kumandalı araba|Samochód zdalnie sterowany", "colour", (2000, 15000), 1200, "950300", "car"),
    K("necklaces", "Pendant necklace|Collar con colgante|Collier pendentif|Halskette mit Anhänger|ペンダントネックレス|펜던트 목걸이|吊坠项链|Кулон на цепочке|Colar com pingente|Kolye|Naszyjnik z zawieszką", "single", (500, 9000), 30, "711719", "necklace", "Sterling silver"),
    K("watches", "Quartz watch|Reloj de cuarzo|Montre à quartz|Quarzuhr|クオーツ腕時計|쿼츠 시계|石英手表|Кварцевые часы|Relógio de quartzo|Quartz saat|Zegarek kwarcowy", "colour", (1500, 20000), 120, "910211", "watch", "Stainless steel"),
    K("dash-cams", "Dash cam|Cámara para coche|Caméra embarquée|Dashcam|ドライブレコーダー|블랙박스|行车记录仪|Видеорегистратор|Câmera veicular|Araç kamerası|Wideorejestrator", "capacity", (3000, 16000), 250, "852580", "camera", capacities=("1080p", "1440p", "4K")),
)  # fmt: skip

RESTRICTED_KINDS = frozenset({"supplements", "medicines"})

# Phrases appended to some titles (no grammatical agreement needed), in LANGUAGES order.
QUALIFIERS = (
    "2026 edition|Edición 2026|Édition 2026|Ausgabe 2026|2026年モデル|2026년형|2026款|модель 2026 года|Edição 2026|2026 modeli|Edycja 2026",
    "with gift box|con caja de regalo|avec coffret cadeau|mit Geschenkbox|ギフトボックス付き|선물 상자 포함|礼盒装|в подарочной коробке|com caixa de presente|hediye kutulu|w pudełku prezentowym",
    "premium quality|calidad premium|qualité premium|Premiumqualität|高品質|프리미엄 품질|优质|премиум-качество|qualidade premium|premium kalite|jakość premium",
    "factory direct|directo de fábrica|direct usine|direkt ab Werk|工場直送|공장 직송|工厂直销|напрямую с фабрики|direto da fábrica|fabrikadan doğrudan|prosto z fabryki",
)  # fmt: skip
WHOLESALE = "wholesale|al por mayor|en gros|Großhandel|卸売|도매|批发|оптом|atacado|toptan|hurtowo"

DESCRIPTIONS = {
    "en": "{noun} by {store}. Every item is checked before it ships, usually within {days} working days.",
    "es": "{noun} de {store}. Revisamos cada artículo antes del envío, normalmente en {days} días hábiles.",
    "fr": "{noun} par {store}. Chaque article est contrôlé avant l'expédition, généralement sous {days} jours ouvrés.",
    "de": "{noun} von {store}. Jeder Artikel wird vor dem Versand geprüft, meist innerhalb von {days} Werktagen.",
    "ja": "{store}の{noun}。すべての商品は発送前に検品し、通常{days}営業日以内に発送します。",
    "ko": "{store}의 {noun}. 모든 상품은 발송 전 검수하며, 보통 {days}영업일 이내에 발송됩니다.",
    "zh-hans": "{store}出品的{noun}。每件商品发货前均经过检查，通常在{days}个工作日内发货。",
    "ru": "{noun} от {store}. Каждый товар проверяется перед отправкой, обычно в течение {days} рабочих дней.",
    "pt": "{noun} da {store}. Cada item é conferido antes do envio, normalmente em até {days} dias úteis.",
    "tr": "{store} mağazasından {noun}. Her ürün gönderilmeden önce kontrol edilir ve genellikle {days} iş günü içinde kargoya verilir.",
    "pl": "{noun} od {store}. Każdy produkt sprawdzamy przed wysyłką, zwykle w ciągu {days} dni roboczych.",
}  # fmt: skip
STORE_DESCRIPTIONS = {
    "en": "{store}: {count} years of selling online, shipping worldwide from {city}.",
    "es": "{store}: {count} años vendiendo en línea, con envíos a todo el mundo desde {city}.",
    "fr": "{store} : {count} ans de vente en ligne, expédition dans le monde entier depuis {city}.",
    "de": "{store}: seit {count} Jahren im Online-Handel, weltweiter Versand aus {city}.",
    "ja": "{store}：オンライン販売{count}年、{city}から世界中へ発送しています。",
    "ko": "{store}: 온라인 판매 {count}년, {city}에서 전 세계로 배송합니다.",
    "zh-hans": "{store}：网上销售{count}年，从{city}发货至全球。",
    "ru": "{store}: {count} лет онлайн-продаж, доставка по всему миру из города {city}.",
    "pt": "{store}: {count} anos vendendo online, com envio para o mundo todo a partir de {city}.",
    "tr": "{store}: {count} yıldır çevrim içi satış, {city} şehrinden dünyanın her yerine gönderim.",
    "pl": "{store}: {count} lat sprzedaży online, wysyłka na cały świat z miasta {city}.",
}  # fmt: skip

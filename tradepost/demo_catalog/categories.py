"""The demo category tree: slugs, parents, commission and flags, names in eleven languages.

Names are given in LANGUAGES order, separated by "|".
"""

from dataclasses import dataclass

LANGUAGES = ("en", "es", "fr", "de", "ja", "ko", "zh-hans", "ru", "pt", "tr", "pl")


@dataclass(frozen=True)
class CategorySpec:
    slug: str
    parent: str | None
    names: str  # "|"-separated, in LANGUAGES order
    commission_bps: int = 800
    restricted: bool = False
    prohibited: bool = False
    # A seller deposit to publish here (sellers.deposits), in minor units of deposit_currency.
    deposit_minor: int = 0
    deposit_currency: str = ""

    def translations(self) -> dict[str, str]:
        names = self.names.split("|")
        assert len(names) == len(LANGUAGES), self.slug
        return dict(zip(LANGUAGES, names, strict=True))


C = CategorySpec
CATEGORIES: tuple[CategorySpec, ...] = (
    C("fashion", None, "Fashion|Moda|Mode|Mode|ファッション|패션|时尚|Мода|Moda|Moda|Moda", 1000),
    C("womens-clothing", "fashion", "Women's clothing|Ropa de mujer|Vêtements femme|Damenbekleidung|レディース服|여성 의류|女装|Женская одежда|Roupas femininas|Kadın giyim|Odzież damska", 1000),
    C("dresses", "womens-clothing", "Dresses|Vestidos|Robes|Kleider|ワンピース|원피스|连衣裙|Платья|Vestidos|Elbiseler|Sukienki", 1000),
    C("womens-tops", "womens-clothing", "Tops & blouses|Tops y blusas|Hauts et chemisiers|Tops & Blusen|トップス・ブラウス|상의·블라우스|上衣与衬衫|Топы и блузки|Blusas e tops|Bluzlar ve üstler|Bluzki i topy", 1000),
    C("mens-clothing", "fashion", "Men's clothing|Ropa de hombre|Vêtements homme|Herrenbekleidung|メンズ服|남성 의류|男装|Мужская одежда|Roupas masculinas|Erkek giyim|Odzież męska", 1000),
    C("t-shirts", "mens-clothing", "T-shirts|Camisetas|T-shirts|T-Shirts|Tシャツ|티셔츠|T恤|Футболки|Camisetas|Tişörtler|Koszulki", 1000),
    C("hoodies", "mens-clothing", "Hoodies & sweatshirts|Sudaderas|Sweats à capuche|Hoodies & Sweatshirts|パーカー・スウェット|후드티·맨투맨|卫衣|Худи и свитшоты|Moletons|Kapüşonlu sweatshirtler|Bluzy", 1000),
    C("shoes", "fashion", "Shoes|Calzado|Chaussures|Schuhe|靴|신발|鞋靴|Обувь|Calçados|Ayakkabılar|Obuwie", 1000),
    C("sneakers", "shoes", "Sneakers|Zapatillas|Baskets|Sneaker|スニーカー|스니커즈|运动鞋|Кроссовки|Tênis|Spor ayakkabılar|Sneakersy", 1000),
    C("bags", "fashion", "Bags & backpacks|Bolsos y mochilas|Sacs et sacs à dos|Taschen & Rucksäcke|バッグ・リュック|가방·백팩|箱包|Сумки и рюкзаки|Bolsas e mochilas|Çantalar ve sırt çantaları|Torby i plecaki", 1000),
    C("electronics", None, "Electronics|Electrónica|Électronique|Elektronik|家電・電子機器|전자제품|电子产品|Электроника|Eletrônicos|Elektronik|Elektronika", 600),
    C("phone-accessories", "electronics", "Phone accessories|Accesorios para móviles|Accessoires téléphone|Handyzubehör|スマホアクセサリー|휴대폰 액세서리|手机配件|Аксессуары для телефонов|Acessórios para celular|Telefon aksesuarları|Akcesoria do telefonów", 800),
    C("phone-cases", "phone-accessories", "Phone cases|Fundas para móvil|Coques de téléphone|Handyhüllen|スマホケース|휴대폰 케이스|手机壳|Чехлы для телефонов|Capinhas de celular|Telefon kılıfları|Etui na telefon", 800),
    C("power-banks", "phone-accessories", "Power banks|Baterías externas|Batteries externes|Powerbanks|モバイルバッテリー|보조배터리|充电宝|Внешние аккумуляторы|Carregadores portáteis|Taşınabilir şarj cihazları|Powerbanki", 600),
    C("cables-chargers", "phone-accessories", "Cables & chargers|Cables y cargadores|Câbles et chargeurs|Kabel & Ladegeräte|ケーブル・充電器|케이블·충전기|数据线与充电器|Кабели и зарядные устройства|Cabos e carregadores|Kablolar ve şarj cihazları|Kable i ładowarki", 800),
    C("audio", "electronics", "Audio|Audio|Audio|Audio|オーディオ|오디오|音频设备|Аудио|Áudio|Ses sistemleri|Audio", 600),
    C("headphones", "audio", "Headphones & earbuds|Auriculares|Casques et écouteurs|Kopfhörer|ヘッドホン・イヤホン|헤드폰·이어폰|耳机|Наушники|Fones de ouvido|Kulaklıklar|Słuchawki", 600),
    C("speakers", "audio", "Bluetooth speakers|Altavoces Bluetooth|Enceintes Bluetooth|Bluetooth-Lautsprecher|Bluetoothスピーカー|블루투스 스피커|蓝牙音箱|Bluetooth-колонки|Caixas de som Bluetooth|Bluetooth hoparlörler|Głośniki Bluetooth", 600),
    C("wearables", "electronics", "Wearables|Dispositivos ponibles|Objets connectés|Wearables|ウェアラブル|웨어러블|可穿戴设备|Носимые устройства|Vestíveis|Giyilebilir teknoloji|Urządzenia ubieralne", 600),
    C("smartwatches", "wearables", "Smartwatches|Relojes inteligentes|Montres connectées|Smartwatches|スマートウォッチ|스마트워치|智能手表|Умные часы|Relógios inteligentes|Akıllı saatler|Smartwatche", 600),
    C("storage", "electronics", "Memory & storage|Memoria y almacenamiento|Mémoire et stockage|Speicher|メモリ・ストレージ|메모리·저장장치|存储设备|Память и накопители|Memória e armazenamento|Bellek ve depolama|Pamięć i dyski", 500),
    C("usb-drives", "storage", "USB flash drives|Memorias USB|Clés USB|USB-Sticks|USBメモリ|USB 메모리|U盘|USB-флешки|Pen drives|USB bellekler|Pendrive'y", 500),
    C("home-garden", None, "Home & garden|Hogar y jardín|Maison et jardin|Haus & Garten|ホーム・ガーデン|홈·가든|家居园艺|Дом и сад|Casa e jardim|Ev ve bahçe|Dom i ogród", 900),
    C("kitchen", "home-garden", "Kitchen|Cocina|Cuisine|Küche|キッチン|주방|厨房|Кухня|Cozinha|Mutfak|Kuchnia", 900),
    C("cookware", "kitchen", "Cookware|Menaje de cocina|Batterie de cuisine|Kochgeschirr|調理器具|조리도구|炊具|Посуда для готовки|Panelas|Pişirme kapları|Naczynia kuchenne", 900),
    C("kitchen-knives", "kitchen", "Kitchen knives|Cuchillos de cocina|Couteaux de cuisine|Küchenmesser|包丁|주방 칼|厨房刀具|Кухонные ножи|Facas de cozinha|Mutfak bıçakları|Noże kuchenne", 900),
    C("water-bottles", "kitchen", "Water bottles|Botellas de agua|Gourdes|Trinkflaschen|水筒・ボトル|물병|水杯|Бутылки для воды|Garrafas de água|Su şişeleri|Butelki na wodę", 900),
    C("lighting", "home-garden", "Lighting|Iluminación|Éclairage|Beleuchtung|照明|조명|照明灯具|Освещение|Iluminação|Aydınlatma|Oświetlenie", 900),
    C("led-lamps", "lighting", "LED lamps|Lámparas LED|Lampes LED|LED-Lampen|LEDライト|LED 램프|LED灯|Светодиодные лампы|Luminárias LED|LED lambalar|Lampy LED", 900),
    C("garden", "home-garden", "Garden|Jardín|Jardin|Garten|ガーデニング|정원|园艺|Сад|Jardim|Bahçe|Ogród", 900),
    C("garden-tools", "garden", "Garden tools|Herramientas de jardín|Outils de jardin|Gartenwerkzeug|園芸用品|원예 도구|园艺工具|Садовые инструменты|Ferramentas de jardim|Bahçe aletleri|Narzędzia ogrodowe", 900),
    C("sports-outdoors", None, "Sports & outdoors|Deportes y aire libre|Sports et plein air|Sport & Outdoor|スポーツ・アウトドア|스포츠·아웃도어|运动户外|Спорт и отдых|Esportes e lazer|Spor ve outdoor|Sport i turystyka", 800),
    C("fitness", "sports-outdoors", "Fitness|Fitness|Fitness|Fitness|フィットネス|피트니스|健身|Фитнес|Fitness|Fitness|Fitness", 800),
    C("yoga-mats", "fitness", "Yoga mats|Esterillas de yoga|Tapis de yoga|Yogamatten|ヨガマット|요가 매트|瑜伽垫|Коврики для йоги|Tapetes de ioga|Yoga matları|Maty do jogi", 800),
    C("dumbbells", "fitness", "Dumbbells|Mancuernas|Haltères|Hanteln|ダンベル|덤벨|哑铃|Гантели|Halteres|Dambıllar|Hantle", 800),
    C("camping", "sports-outdoors", "Camping|Camping|Camping|Camping|キャンプ|캠핑|露营|Кемпинг|Camping|Kamp|Kemping", 800),
    C("tents", "camping", "Tents|Tiendas de campaña|Tentes|Zelte|テント|텐트|帐篷|Палатки|Barracas|Çadırlar|Namioty", 800),
    C("weapons", "sports-outdoors", "Weapons|Armas|Armes|Waffen|武器|무기|武器|Оружие|Armas|Silahlar|Broń", 800, prohibited=True),
    C("beauty-health", None, "Beauty & health|Belleza y salud|Beauté et santé|Beauty & Gesundheit|美容・健康|뷰티·건강|美容健康|Красота и здоровье|Beleza e saúde|Güzellik ve sağlık|Uroda i zdrowie", 1000),
    C("skin-care", "beauty-health", "Skin care|Cuidado de la piel|Soins de la peau|Hautpflege|スキンケア|스킨케어|护肤|Уход за кожей|Cuidados com a pele|Cilt bakımı|Pielęgnacja skóry", 1000),
    C("makeup", "beauty-health", "Makeup|Maquillaje|Maquillage|Make-up|メイクアップ|메이크업|彩妆|Макияж|Maquiagem|Makyaj|Makijaż", 1000),
    C("supplements", "beauty-health", "Dietary supplements|Complementos alimenticios|Compléments alimentaires|Nahrungsergänzungsmittel|サプリメント|건강기능식품|膳食补充剂|Пищевые добавки|Suplementos alimentares|Gıda takviyeleri|Suplementy diety", 1200, restricted=True,
      deposit_minor=10_000, deposit_currency="USD"),
    C("medicines", "beauty-health", "Medicines|Medicamentos|Médicaments|Arzneimittel|医薬品|의약품|药品|Лекарства|Medicamentos|İlaçlar|Leki", 1200, restricted=True),
    C("toys-hobbies", None, "Toys & hobbies|Juguetes y hobbies|Jouets et loisirs|Spielzeug & Hobby|おもちゃ・ホビー|장난감·취미|玩具爱好|Игрушки и хобби|Brinquedos e hobbies|Oyuncak ve hobi|Zabawki i hobby", 900),
    C("building-blocks", "toys-hobbies", "Building blocks|Bloques de construcción|Jeux de construction|Bausteine|ブロック玩具|블록 장난감|积木|Конструкторы|Blocos de montar|Yapı blokları|Klocki", 900),
    C("plush-toys", "toys-hobbies", "Plush toys|Peluches|Peluches|Plüschtiere|ぬいぐるみ|봉제 인형|毛绒玩具|Мягкие игрушки|Pelúcias|Peluş oyuncaklar|Maskotki", 900),
    C("rc-cars", "toys-hobbies", "RC cars|Coches teledirigidos|Voitures télécommandées|RC-Autos|ラジコンカー|RC카|遥控车|Радиоуправляемые машины|Carrinhos de controle remoto|Uzaktan kumandalı arabalar|Samochody zdalnie sterowane", 900),
    C("jewelry-watches", None, "Jewellery & watches|Joyería y relojes|Bijoux et montres|Schmuck & Uhren|ジュエリー・時計|주얼리·시계|珠宝手表|Украшения и часы|Joias e relógios|Takı ve saat|Biżuteria i zegarki", 1100),
    C("necklaces", "jewelry-watches", "Necklaces|Collares|Colliers|Halsketten|ネックレス|목걸이|项链|Ожерелья|Colares|Kolyeler|Naszyjniki", 1100),
    C("watches", "jewelry-watches", "Watches|Relojes|Montres|Armbanduhren|腕時計|손목시계|手表|Наручные часы|Relógios|Kol saatleri|Zegarki", 1100, deposit_minor=20_000, deposit_currency="USD"),
    C("automotive", None, "Automotive|Automoción|Auto et moto|Auto & Motorrad|カー用品|자동차용품|汽车用品|Автотовары|Automotivo|Otomotiv|Motoryzacja", 700),
    C("car-electronics", "automotive", "Car electronics|Electrónica para coche|Électronique auto|Autoelektronik|カーエレクトロニクス|차량용 전자기기|车载电子|Автоэлектроника|Eletrônicos automotivos|Araç elektroniği|Elektronika samochodowa", 700),
    C("dash-cams", "car-electronics", "Dash cams|Cámaras para coche|Caméras embarquées|Dashcams|ドライブレコーダー|블랙박스|行车记录仪|Видеорегистраторы|Câmeras veiculares|Araç kameraları|Wideorejestratory", 700),
)  # fmt: skip

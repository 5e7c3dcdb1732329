"""The carriers a seller can ship with: name, the page where a buyer follows a parcel, and the
tracking-number formats each one issues (checked when the seller enters a number).

International postal items carry a UPU S10 identifier (two letters, eight digits, a check digit,
the ISO code of the issuing country: "RR123456785CN"); posts check its digit, carriers with their
own numbering get a pattern. Data, not rules: a carrier missing here ships as "other", with only
the generic length and character check.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tradepost.errors import InvalidInput

_S10 = re.compile(r"([A-Z]{2})(\d{8})(\d)([A-Z]{2})")
_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
_GENERIC = re.compile(r"[A-Z0-9]{5,40}")
OTHER = "other"


class InvalidTrackingNumber(InvalidInput):
    code = "invalid_tracking_number"


@dataclass(frozen=True)
class Carrier:
    code: str
    name: str
    tracking_url: str  # with "{number}"
    # Where the carrier is a post: the S10 country codes it issues (its own country).
    s10_countries: frozenset[str] = frozenset()
    patterns: tuple[re.Pattern, ...] = field(default=())

    def url_for(self, number: str) -> str:
        return self.tracking_url.format(number=number)


def _post(code, name, url, country, *patterns) -> Carrier:
    return Carrier(code, name, url, frozenset({country}), tuple(re.compile(p) for p in patterns))


def _company(code, name, url, *patterns) -> Carrier:
    return Carrier(code, name, url, frozenset(), tuple(re.compile(p) for p in patterns))


CARRIERS: dict[str, Carrier] = {
    carrier.code: carrier
    for carrier in (
        _post("china-post", "China Post", "https://yjcx.ems.com.cn/qps/yjcx?mailNum={number}", "CN"),
        _company(
            "cainiao", "Cainiao", "https://global.cainiao.com/newDetail.htm?mailNoList={number}",
            r"LP\d{14,16}", r"CN[A-Z0-9]{12,18}", r"[A-Z]{2}\d{9}CN",
        ),
        _company(
            "yunexpress", "YunExpress", "https://www.yuntrack.com/parcelTracking?id={number}",
            r"YT\d{16}",
        ),
        _company("4px", "4PX", "https://track.4px.com/#/result/0/{number}", r"4PX\d{10,16}CN"),
        _company(
            "dhl", "DHL Express",
            "https://www.dhl.com/global-en/home/tracking/tracking-express.html?tracking-id={number}",
            r"\d{10}", r"JJD\d{10,20}",
        ),
        _company("ups", "UPS", "https://www.ups.com/track?tracknum={number}", r"1Z[A-Z0-9]{16}"),
        _company(
            "fedex", "FedEx", "https://www.fedex.com/fedextrack/?trknbr={number}",
            r"\d{12}", r"\d{15}", r"\d{20}", r"\d{22}",
        ),
        _post(
            "usps", "USPS", "https://tools.usps.com/go/TrackConfirmAction?tLabels={number}", "US",
            r"9[1-5]\d{18,20}",
        ),
        _post("russian-post", "Russian Post", "https://www.pochta.ru/tracking#{number}", "RU", r"\d{14}"),
        _post(
            "correios", "Correios",
            "https://rastreamento.correios.com.br/app/index.php?objetos={number}", "BR",
        ),
        _post(
            "korea-post", "Korea Post",
            "https://service.epost.go.kr/trace.RetrieveEmsRigiTraceList.comm?POST_CODE={number}",
            "KR", r"\d{13}",
        ),
        _post(
            "postnl", "PostNL", "https://postnl.post/tracktrace?barcodes={number}", "NL",
            r"3S[A-Z0-9]{11,13}",
        ),
        _post(
            "poczta-polska", "Poczta Polska", "https://emonitoring.poczta-polska.pl/?numer={number}",
            "PL", r"\d{20}",
        ),
        _post("ptt", "PTT", "https://gonderitakip.ptt.gov.tr/Track/Verify?q={number}", "TR"),
        _post(
            "royal-mail", "Royal Mail",
            "https://www.royalmail.com/track-your-item#/tracking-results/{number}", "GB",
        ),
        _post(
            "deutsche-post", "Deutsche Post",
            "https://www.deutschepost.de/sendung/simpleQueryResult.html?form.sendungsnummer={number}",
            "DE", r"\d{12}", r"\d{20}",
        ),
    )
}  # fmt: skip


def s10_check_digit(serial: str) -> int:
    """The UPU S10 check digit of an eight-digit serial number (weights 8 6 4 2 3 5 9 7, mod 11;
    10 becomes 0 and 11 becomes 5)."""
    total = sum(int(digit) * weight for digit, weight in zip(serial, _S10_WEIGHTS, strict=True))
    digit = 11 - total % 11
    return {10: 0, 11: 5}.get(digit, digit)


def is_valid_s10(number: str) -> bool:
    match = _S10.fullmatch(number)
    return bool(match) and s10_check_digit(match.group(2)) == int(match.group(3))


def normalise(number: str) -> str:
    """Upper case, without the spaces and dashes people type or print between the groups."""
    return re.sub(r"[\s\-]", "", number or "").upper()


def validate_tracking_number(carrier_code: str, number: str) -> str:
    """The normalised number if `carrier_code` could have issued it, else InvalidTrackingNumber.
    A post's own S10 numbers must carry a right check digit; an unknown carrier ("other") gets the
    generic check only."""
    clean = normalise(number)
    carrier = CARRIERS.get(carrier_code)
    if not _GENERIC.fullmatch(clean):
        raise _invalid(_("Enter the tracking number as printed: 5 to 40 letters and digits."))
    if carrier is None:
        if carrier_code != OTHER:
            raise InvalidTrackingNumber(
                _("Choose a carrier from the list, or “other”."), fields={"carrier": ["unknown"]}
            )
        return clean
    s10 = _S10.fullmatch(clean)
    if s10 and s10.group(4) in carrier.s10_countries:
        if not is_valid_s10(clean):
            raise _invalid(_("This tracking number's check digit is wrong: check for a typo."))
        return clean
    if any(pattern.fullmatch(clean) for pattern in carrier.patterns):
        return clean
    raise _invalid(
        _("%(carrier)s does not issue tracking numbers like this one.") % {"carrier": carrier.name}
    )


def _invalid(message: str) -> InvalidTrackingNumber:
    return InvalidTrackingNumber(message, fields={"tracking_number": [message]})

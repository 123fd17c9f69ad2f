"""Place names of a county → division codes, for postings and the matcher's gazetteer.

A place is a town or village of the county ("廉州镇", "曲木村", "曲樟乡曲木村委会"), the county itself
("合浦县", "县城"), the prefecture ("北海市区", "北海"), or a wider place ("广东东莞", "南宁市", "外省").
Anything else is refused: a posting whose place nobody can read cannot be matched by distance.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from jianfu.employment.matching.places import Gazetteer
from jianfu.orgs.models import OrgUnit, UnitKind
from jianfu.orgs.names import bare_name, without_committee

GAZETTEER_KINDS = (UnitKind.COUNTY, UnitKind.TOWN, UnitKind.VILLAGE)


def county_gazetteer(county: str, rows=None) -> Gazetteer:
    """The matcher's gazetteer of a county from the OrgUnit table (`rows`: its (code, name, kind) rows when the
    caller has them). The matcher and the posting import read places through this one gazetteer."""
    if rows is None:
        rows = OrgUnit.objects.filter(code__startswith=county[:6], kind__in=GAZETTEER_KINDS).values_list(
            "code", "name", "kind")
    return Gazetteer.from_rows([(code, name) for code, name, kind in rows if kind in GAZETTEER_KINDS],
                               home_county=county[:6], source="jianfu.orgs")

PROVINCES = ("北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽",
             "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南",
             "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "香港", "澳门", "台湾")
AWAY_WORDS = ("外出", "外省", "省外", "区外", "县外", "沿海", "珠三角", "长三角", "全国", "异地")
WIDER = re.compile(r"^[\u4e00-\u9fa5]{2,12}(省|市|区|县|州|盟|旗)$")


_PROVINCE_SUFFIX = re.compile(r"^(.+?)(?:壮族|回族|维吾尔)?(?:自治区|省|市)$")


def _region_names(code: str) -> tuple[str, ...]:
    """The names of the county, prefecture and province `code` lies in, and the provinces' short form (广西壮族自治区
    → 广西), longest first; cached five minutes per county, as the pages' unit names are."""
    from jianfu.core.softcache import soft_get, soft_set

    key = f"employment:place-regions:{code[:6]}"
    names: tuple[str, ...] | None = soft_get(key)   # the database's while the cache is down (ops28 #4)
    if names is None:
        found = set(OrgUnit.objects.filter(code__in=[code[:n].ljust(12, "0") for n in (2, 4, 6)])
                    .values_list("name", flat=True))
        found |= {m.group(1) for name in found if (m := _PROVINCE_SUFFIX.match(name)) and m.group(1) in PROVINCES}
        names = tuple(sorted((n for n in found if n), key=len, reverse=True))
        soft_set(key, names, 300)
    return names


def place_label(text: str, code: str) -> str:
    """A posting's place as every page shows it (newuser19 #5: imported postings read "合浦县曲樟乡" where the seeded ones,
    and the postings typed in the form, read "曲樟乡"): a place inside the county (`code`, its town or village) is
    shown without the province, prefecture and county names written in front of it — on the county's own platform
    they say nothing — so "广西北海市合浦县曲樟乡曲木村" reads "曲樟乡曲木村". Only those regions' own names are taken
    off, never a word like 县城 ("合浦县城" stays), and never the whole text ("合浦县" stays). A place beyond the
    county (no code) is shown as written."""
    if not code or not text:
        return text
    rest, names = text.strip(), _region_names(code)
    stripped = True
    while stripped:
        stripped = False
        for name in names:
            if rest.startswith(name) and len(rest) > len(name) and not rest[len(name):].startswith("城"):
                rest, stripped = rest[len(name):], True
                break
    return rest


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().replace(" ", "").replace("\u3000", "")


@dataclass(frozen=True)
class ResolvedPlace:
    code: str      # a 12-digit division code inside the county, or "" for a place beyond the county
    scope: str     # town (a town/village of the county) | county | city | away
    name: str
    # a place inside the county whose town nobody can read ("合浦县某某"): taken as the county (县内), with a warning
    unread: bool = False


class PlaceResolver:
    """Built once per county (one query), then used for every row of an import."""

    def __init__(self, county_code: str):
        self.county = county_code[:6]
        units = list(OrgUnit.objects.filter(code__startswith=self.county, kind__in=[
            UnitKind.COUNTY, UnitKind.TOWN, UnitKind.VILLAGE, UnitKind.PREFECTURE], is_active=True)
            .values_list("code", "name", "kind"))
        county = OrgUnit.objects.filter(code=self.county.ljust(12, "0")).values_list("name", "parent_code").first()
        self.county_name = county[0] if county else ""
        prefecture = OrgUnit.objects.filter(code=county[1]).values_list("name", flat=True).first() if county else None
        self.prefecture_name = prefecture or ""
        self.gazetteer = county_gazetteer(self.county, [(c, n, k) for c, n, k in units if c.startswith(self.county)])
        self.towns: dict[str, str] = {}
        self.villages: dict[str, list[str]] = {}      # bare name (曲木) → codes
        self.spoken: dict[str, list[str]] = {}        # name without its committee (曲木村, 廉东社区) → codes
        self.registered: dict[str, list[str]] = {}    # registered name (曲木村委会) → codes
        self.town_names: dict[str, str] = {}
        self._memo: dict[str, ResolvedPlace | None] = {}
        for code, name, kind in units:
            key = bare_name(_norm(name))
            if kind == UnitKind.TOWN:
                self.towns[key] = code
                self.town_names[code[:9]] = key
            elif kind == UnitKind.VILLAGE:
                self.villages.setdefault(key, []).append(code)
                self.spoken.setdefault(without_committee(_norm(name)), []).append(code)
                self.registered.setdefault(_norm(name), []).append(code)

    def _villages_named(self, name: str, *, within: str = "") -> list[str]:
        """The villages (under the code prefix `within`) a name says: by the registered name, else by the name
        without its committee ("廉东社区" is the community even where a 廉东村委会 shares its bare name), else by
        the bare name ("曲木")."""
        for found in (self.registered.get(name, []), self.spoken.get(without_committee(name), []),
                      self.villages.get(bare_name(name), [])):
            inside = [code for code in found if code.startswith(within)]
            if inside:
                return inside
        return []

    def resolve(self, text: str) -> ResolvedPlace | None:
        """The place a text names (None when it names nothing known); memoised per resolver — an import
        repeats a few dozen place names over thousands of rows."""
        key = text or ""
        if key not in self._memo:
            self._memo[key] = self._resolve(key)
        return self._memo[key]

    def _resolve(self, text: str) -> ResolvedPlace | None:
        raw = _norm(text or "")
        if not raw:
            return None
        county_stem = bare_name(_norm(self.county_name)).rstrip("县") if self.county_name else ""
        pref_stem = self.prefecture_name.rstrip("市") if self.prefecture_name else ""
        if county_stem:
            # "广西北海市合浦县…", "北海合浦…": the county's own place, read without the names around it
            # the province and then the prefecture ("广西壮族自治区北海市合浦县曲樟乡"), one name at a time
            inner = tuple(w for w in (self.prefecture_name, pref_stem) if w)
            stripped = True
            while stripped:
                stripped = False
                for wider in ("广西壮族自治区", "广西", *inner):
                    rest = raw[len(wider):]
                    if raw.startswith(wider) and (rest.startswith(county_stem) or rest.startswith(inner)):
                        raw, stripped = rest, True
                        break
        # the county seat and the industrial park, as the matcher reads them ("县城", "合浦县工业园", "城区")
        alias = self.gazetteer.alias_code(raw)
        if alias is not None:
            return ResolvedPlace(alias.ljust(12, "0"), "town" if len(alias) >= 9 else "county", raw)
        name = raw
        if county_stem and name.startswith(self.county_name):
            name = name[len(self.county_name):] or name
        elif county_stem and name.startswith(county_stem) and len(name) > len(county_stem) + 1:
            name = name[len(county_stem):]
        if name in (self.county_name, county_stem, "县城", "县内", "本县", "全县"):
            return ResolvedPlace(self.county.ljust(12, "0"), "county", raw)
        # a town, possibly followed by one of its villages
        for stem, code in sorted(self.towns.items(), key=lambda kv: -len(kv[0])):
            if name.startswith(stem):
                rest = name[len(stem):].lstrip("镇乡街道")
                if rest:
                    village = next(iter(self._villages_named(rest, within=code[:9])), None)
                    if village:
                        return ResolvedPlace(village, "town", raw)
                return ResolvedPlace(code, "town", raw)
        villages = self._villages_named(name)
        if len(villages) == 1:
            return ResolvedPlace(villages[0], "town", raw)
        if pref_stem and (raw.startswith(pref_stem) or raw in ("市区", "市内", "本市")):
            return ResolvedPlace("", "city", raw)
        villages = self._villages_named(raw)
        if len(villages) == 1:
            return ResolvedPlace(villages[0], "town", raw)      # a village named with the county's stem ("合浦工业园区社区")
        if county_stem and raw.startswith(county_stem):
            # inside the county, but no town or village of it is named: the county (县内), flagged for the uploader
            return ResolvedPlace(self.county.ljust(12, "0"), "county", raw, unread=True)
        if raw.startswith(PROVINCES) or raw.startswith(AWAY_WORDS) or WIDER.match(raw):
            return ResolvedPlace("", "away", raw)
        return None

"""Near-duplicates (MinHash LSH) and derivative reporting."""

from __future__ import annotations

from rightswatch.link import LinkedArticle, Linker, find_attributions

ORIGINAL = (
    "North Korean authorities in Hyesan arrested three women last week for using Chinese mobile phones "
    "to call relatives who had defected to South Korea, a source in Ryanggang Province told Daily NK. "
    "The women were taken to the provincial security department for interrogation and are expected to "
    "be sent to a labor training camp. The crackdown on illegal phone use has intensified since the "
    "border was sealed, and residents say security agents now use radio detection equipment to track "
    "calls made near the Yalu River."
)
CORRECTED = ORIGINAL.replace("three women", "four women").replace("last week", "on Tuesday")
WIRE_COPY = "Republished with permission. " + ORIGINAL.rsplit(" The crackdown", 1)[0] + " Readers may share this story."
UNRELATED = (
    "The United Nations Security Council met on Friday to discuss new sanctions after a missile test. "
    "Diplomats said no agreement was reached and talks would resume next month in New York, where "
    "several delegations called for renewed dialogue and humanitarian exemptions for aid groups."
)
DERIVATIVE = (
    "According to Daily NK, authorities in Hyesan detained women who used Chinese mobile phones to call "
    "defectors in the South. The women were taken to the provincial security department, the outlet said. "
    "Yonhap reported similar arrests elsewhere."
)


def test_republished_and_corrected_copies_link_to_the_original() -> None:
    linker = Linker()
    assert linker.add(LinkedArticle(1, ORIGINAL, "Daily NK", "2024-06-01")).duplicates == ()
    assert linker.add(LinkedArticle(2, UNRELATED, "Reuters", "2024-06-02")).duplicates == ()
    corrected = linker.add(LinkedArticle(3, CORRECTED, "Daily NK", "2024-06-02"))
    wire = linker.add(LinkedArticle(4, WIRE_COPY, "NK News", "2024-06-03"))
    assert [(d.copy_id, d.original_id) for d in corrected.duplicates] == [(3, 1)]
    assert [(d.copy_id, d.original_id) for d in wire.duplicates] == [(4, 1)]
    assert wire.duplicates[0].score >= 0.6


def test_an_earlier_original_arriving_late_becomes_the_original() -> None:
    linker = Linker()
    linker.add(LinkedArticle(10, WIRE_COPY, "NK News", "2024-06-03"))
    late = linker.add(LinkedArticle(11, ORIGINAL, "Daily NK", "2024-06-01"))
    assert [(d.copy_id, d.original_id) for d in late.duplicates] == [(10, 11)]


def test_index_rebuilt_from_stored_signatures_gives_the_same_links() -> None:
    first = Linker()
    stored = first.add(LinkedArticle(1, ORIGINAL, "Daily NK", "2024-06-01"))
    rebuilt = Linker()
    rebuilt.load(1, "Daily NK", "2024-06-01", stored.hashvalues)
    again = rebuilt.add(LinkedArticle(2, CORRECTED, "Daily NK", "2024-06-02"))
    assert [(d.copy_id, d.original_id) for d in again.duplicates] == [(2, 1)]


def test_attributions_name_other_outlets_with_evidence_offsets() -> None:
    found = find_attributions(DERIVATIVE, own_outlet="The Korea Herald")
    assert [a.outlet for a in found] == ["Daily NK", "Yonhap"]
    for a in found:
        assert DERIVATIVE[a.start : a.end] == a.phrase
    assert find_attributions("A source told Daily NK that guards beat him.", own_outlet="Daily NK") == []
    assert [a.outlet for a in find_attributions("A source told Radio Free Asia on Monday.")] == ["Radio Free Asia"]
    assert [a.outlet for a in find_attributions("SEOUL, June 3 (Yonhap) -- Police said.")] == ["Yonhap"]
    assert find_attributions("The map was published in an ap style guide.") == []


def test_derivative_links_to_the_cited_outlets_report() -> None:
    linker = Linker()
    linker.add(LinkedArticle(1, ORIGINAL, "Daily NK", "2024-06-01"))
    linker.add(LinkedArticle(2, UNRELATED, "Yonhap", "2024-06-01"))
    result = linker.add(LinkedArticle(3, DERIVATIVE, "The Korea Herald", "2024-06-02"))
    by_outlet = {c.attribution.outlet: c for c in result.derivatives}
    assert by_outlet["Daily NK"].target_id == 1 and by_outlet["Daily NK"].score > 0
    assert by_outlet["Yonhap"].target_id is None  # Yonhap's story on this is not in the database

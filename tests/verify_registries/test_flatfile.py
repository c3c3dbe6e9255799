"""The white list's flat file: hash, masks, streaming parser, 7z archive, download.

No example hash of the Ministry's file is reproduced in the project's reference notes
(registries.md §2.4 only names the format), so the hash is checked against the
SHA-512 test vector of FIPS 180-2 for one transformation, against the iteration rule
for more, and against the fake's independent implementation for the whole format.
"""

import hashlib
import io
import tracemalloc
from datetime import date

import pytest
import requests
from fake_registries import FakeCompany, FakeRegistries, nrb_with_check
from fake_registries.flatfile import build_json, mf_hash, pack_7z, virtual_account
from registries import Unavailable, flatfile

DAY = date(2026, 12, 8)
NIP = "7251801126"
ACCOUNT = nrb_with_check("10500099", "0000000000000001")
MASK = "XX10100055YYYXXXXXXXXXXXXX"


def parse(data, chunk=None, batch_size=3):
    batches = []
    parser = flatfile.FlatFileParser(
        lambda kind, values: batches.append((kind, list(values))), batch_size
    )
    step = chunk or len(data)
    for start in range(0, len(data), step):
        parser.feed(data[start : start + step])
    return parser.close(), batches


def values(batches, kind):
    return [v for k, batch in batches if k == kind for v in batch]


# --- hash and masks -------------------------------------------------------------------


def test_one_transformation_is_plain_sha512():
    # FIPS 180-2, appendix C.1: SHA-512("abc")
    assert flatfile.flat_hash("", "", "abc", 1) == (
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
        "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
    )


def test_each_transformation_hashes_the_previous_hex_digest():
    first = hashlib.sha512(f"20261208{NIP}{ACCOUNT}".encode()).hexdigest()
    second = hashlib.sha512(first.encode()).hexdigest()
    assert flatfile.flat_hash(DAY, NIP, ACCOUNT, 1) == first
    assert flatfile.flat_hash(DAY, NIP, ACCOUNT, 2) == second
    assert len(flatfile.flat_hash(DAY, NIP, ACCOUNT, 5000)) == 128


def test_hash_agrees_with_the_fakes_reading_of_the_spec():
    assert flatfile.flat_hash(DAY, NIP, ACCOUNT, 5000) == mf_hash(
        DAY, NIP, ACCOUNT, 5000
    )
    # the date is part of the hash: yesterday's file never matches today's pair
    assert flatfile.flat_hash(DAY, NIP, ACCOUNT, 10) != flatfile.flat_hash(
        date(2026, 12, 7), NIP, ACCOUNT, 10
    )


def test_mask_fixes_the_bank_digits_and_hides_the_virtual_part():
    account = "12" + "10100055" + "123" + "4567890123456"
    assert flatfile.mask_matches(MASK, account)
    assert flatfile.masked_account(MASK, account) == "XX10100055123XXXXXXXXXXXXX"
    other_bank = "12" + "10200055" + "123" + "4567890123456"
    assert not flatfile.mask_matches(MASK, other_bank)
    assert flatfile.account_keys(other_bank, [MASK]) == [other_bank]
    assert flatfile.account_keys(account, [MASK, MASK]) == [
        account,
        "XX10100055123XXXXXXXXXXXXX",
    ]


# --- the JSON, streamed ---------------------------------------------------------------


def sample(active=5, exempt=2, transformations=3):
    companies = [
        FakeCompany(nip=NIP, name="A", accounts=[ACCOUNT]),
        FakeCompany(
            nip="5260250274",
            name="B",
            vat_status="Zwolniony",
            accounts=[nrb_with_check("10200003", "0000000000987654")],
        ),
        FakeCompany(
            nip="1132853869",
            name="V",
            has_virtual_accounts=True,
            accounts=[virtual_account("11602202", 4321, 777)],
        ),
        FakeCompany(nip="9542751368", name="gone", vat_status=None, accounts=[ACCOUNT]),
    ]
    return companies, build_json(
        companies, DAY, transformations=transformations, filler=active + exempt
    )


@pytest.mark.parametrize("chunk", [None, 1, 7, 4096])
def test_parser_gives_the_same_answer_whatever_the_chunks(chunk):
    _companies, data = sample()
    stats, batches = parse(data, chunk)
    assert stats.header == flatfile.FlatFileHeader(DAY, 3, flatfile.SCHEMA)
    # 2 real active (A, V) + filler; 1 real exempt (B) + filler (every 10th)
    assert stats.active == len(values(batches, "active")) == 2 + 6
    assert stats.exempt == len(values(batches, "exempt")) == 1 + 1
    assert values(batches, "mask")[0] == "XX11602202YYYYXXXXXXXXXXXX"
    assert stats.masks == 6
    assert stats.json_bytes == len(data)
    assert all(len(b) <= 3 for _k, b in batches)


def test_file_answers_the_pairs_of_active_exempt_and_virtual_accounts():
    companies, data = sample()
    _stats, batches = parse(data)
    active = {v.decode() for v in values(batches, "active")}
    exempt = {v.decode() for v in values(batches, "exempt")}
    masks = values(batches, "mask")

    def kind(company):
        for key in flatfile.account_keys(company.accounts[0], masks):
            digest = flatfile.flat_hash(DAY, company.nip, key, 3)
            if digest in active:
                return "active"
            if digest in exempt:
                return "exempt"
        return None

    assert [kind(c) for c in companies] == ["active", "exempt", "active", None]
    # another virtual account of the same payer: same masked form, same hash
    v = companies[2]
    assert (
        kind(
            FakeCompany(
                nip=v.nip,
                name="V",
                accounts=[virtual_account("11602202", 4321, 999999)],
            )
        )
        == "active"
    )


@pytest.mark.parametrize(
    "data, message",
    [
        (
            (
                b'{"naglowek": {"dataGenerowaniaDanych": "20261208", '
                b'"liczbaTransformacji": "5"}, "skrotyPodatnikowCzynnych": ["abc"]}'
            ),
            "bad hash",
        ),
        (
            (
                b'{"naglowek": {"dataGenerowaniaDanych": "2026120", '
                b'"liczbaTransformacji": "5"}}'
            ),
            "bad generation date",
        ),
        (
            (
                b'{"naglowek": {"dataGenerowaniaDanych": "20261208", '
                b'"liczbaTransformacji": "0"}}'
            ),
            "transformations",
        ),
        (b'{"skrotyPodatnikowCzynnych": []}', "no header"),
        (
            (
                b'{"naglowek": {"dataGenerowaniaDanych": "20261208", '
                b'"liczbaTransformacji": "5"}, "maski": ["XX12"]}'
            ),
            "bad mask",
        ),
        (
            (
                b'{"naglowek": {"dataGenerowaniaDanych": "20261208", '
                b'"liczbaTransformacji": "5"}, "maski": ['
            ),
            "cut short",
        ),
        (b'{"naglowek": {]}', "unbalanced"),
        (b"<html>Przerwa techniczna</html>", "not a JSON object"),
        (b"x" * 70_000, "64 KiB"),
    ],
)
def test_malformed_json_is_unavailable_not_an_answer(data, message):
    with pytest.raises(flatfile.FlatFileError, match=message) as caught:
        parse(data, 4096)
    assert isinstance(caught.value, Unavailable)
    assert caught.value.reason == "malformed"


def test_parser_memory_does_not_grow_with_the_file():
    """400,000 hashes (~53 MB of JSON) fed in 1 MiB chunks: the parser keeps one
    batch, not the file."""
    line = b'"' + b"ab" * 64 + b'",\n'
    head = (
        b'{"naglowek":{"dataGenerowaniaDanych":"20261208","liczbaTransformacji":"5"},'
        b'"skrotyPodatnikowCzynnych":[\n'
    )
    counted = []
    parser = flatfile.FlatFileParser(lambda kind, v: counted.append(len(v)), 10_000)
    tracemalloc.start()
    parser.feed(head)
    block = line * 8000  # ~1 MiB
    for _i in range(50):
        parser.feed(block)
    parser.feed(b'"' + b"cd" * 64 + b'"]}')
    stats = parser.close()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert stats.active == sum(counted) == 400_001
    assert peak < 12 * 1024 * 1024, peak


# --- the archive and its download ----------------------------------------------------


def test_archive_is_read_as_a_stream():
    _companies, data = sample()
    stats = flatfile.read_archive(io.BytesIO(pack_7z(data, DAY)), parse_into([]))
    assert (stats.header.day, stats.active, stats.exempt) == (DAY, 8, 2)


def parse_into(batches):
    return flatfile.FlatFileParser(lambda kind, v: batches.append((kind, v)))


@pytest.mark.parametrize(
    "broken",
    [
        lambda archive: archive[: len(archive) // 2],  # download cut short
        lambda archive: archive[:40] + bytes(200) + archive[240:],  # bit rot
        lambda archive: b"<html><body>502 Bad Gateway</body></html>",
        lambda archive: b"",
    ],
)
def test_corrupt_archive_is_unavailable(broken):
    _companies, data = sample()
    archive = pack_7z(data, DAY)
    with pytest.raises(flatfile.FlatFileError) as caught:
        flatfile.read_archive(io.BytesIO(broken(archive)), parse_into([]))
    assert caught.value.reason == "malformed"


def test_archive_must_hold_one_json_file():
    import py7zr

    buffer = io.BytesIO()
    with py7zr.SevenZipFile(buffer, mode="w") as archive:
        archive.writestr(b"hello", "readme.txt")
    with pytest.raises(flatfile.FlatFileError, match="0 JSON files"):
        flatfile.read_archive(io.BytesIO(buffer.getvalue()), parse_into([]))


def test_download_over_http_and_a_day_without_a_file():
    companies, _data = sample()
    with FakeRegistries({c.nip: c for c in companies}) as fake:
        fake.flatfile.transformations = 3
        fake.flatfile.missing_days.add(date(2026, 12, 6))
        out = io.BytesIO()
        size = flatfile.download(fake.flatfile_url, DAY, out)
        assert size == len(out.getvalue()) > 0
        out.seek(0)
        stats = flatfile.read_archive(out, parse_into([]))
        assert stats.header.day == DAY and stats.active >= 2
        with pytest.raises(Unavailable, match="no flat file for 2026-12-06"):
            flatfile.download(fake.flatfile_url, date(2026, 12, 6), io.BytesIO())
        fake.flatfile.set_faults(http_500=True)
        with pytest.raises(Unavailable):
            flatfile.download(
                fake.flatfile_url, DAY, io.BytesIO(), session=requests.Session()
            )
        assert fake.flatfile.counts["file"] == 3


def test_archive_is_decompressed_in_bounded_chunks():
    """~13 MB of JSON reach the parser in pieces of at most 8 MiB."""
    head = (
        b'{"naglowek":{"dataGenerowaniaDanych":"20261208","liczbaTransformacji":"5"},'
        b'"skrotyPodatnikowCzynnych":[\n'
    )
    data = head + b",\n".join([b'"' + b"0f" * 64 + b'"'] * 100_000) + b"]}"
    chunks = []
    parser = flatfile.FlatFileParser(lambda kind, v: None)
    feed = parser.feed
    parser.feed = lambda chunk: chunks.append(len(chunk)) or feed(chunk)
    stats = flatfile.read_archive(io.BytesIO(pack_7z(data, DAY)), parser)
    assert stats.active == 100_000 and stats.json_bytes == len(data)
    assert len(chunks) >= 2 and max(chunks) <= flatfile.DECOMPRESS_CHUNK

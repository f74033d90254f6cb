"""On legible scans-dev pages the text and the NIP come out right."""
import statistics


def test_median_character_error_rate_on_legible_scans_is_at_most_2_percent(scans_dev_labels, scans_dev_results, cer):
    rates = {i["file"]: cer(i["text"], scans_dev_results[i["file"]].text)
             for i in scans_dev_labels if i["label"] == "legible"}
    assert statistics.median(rates.values()) <= 0.02, rates
    assert max(rates.values()) <= 0.05, rates


def test_nip_is_read_exactly_on_at_least_90_percent_of_legible_decrees(scans_dev_labels, scans_dev_results):
    decrees = [i for i in scans_dev_labels if i["label"] == "legible" and i["kind"] == "sk"]
    exact = [i["file"] for i in decrees
             if scans_dev_results[i["file"]].fields["nip"][:1] == [i["fields"]["nip"].replace(" ", "")]]
    assert len(exact) >= 0.9 * len(decrees), sorted({i["file"] for i in decrees} - set(exact))


def test_other_fields_are_found_on_legible_decrees(scans_dev_labels, scans_dev_results):
    months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
              "Oktober", "November", "Desember"]
    decrees = [i for i in scans_dev_labels if i["label"] == "legible" and i["kind"] == "sk"]
    hits = {"nomor": 0, "tanggal": 0, "nama": 0}
    for item in decrees:
        fields = scans_dev_results[item["file"]].fields
        day, month, year = item["fields"]["tanggal"].split()
        iso = f"{year}-{months.index(month) + 1:02d}-{int(day):02d}"
        hits["nomor"] += item["fields"]["nomor"] in fields["nomor"][:1]
        hits["tanggal"] += iso in fields["tanggal"][:1]
        hits["nama"] += item["fields"]["nama"] in fields["nama"][:1]
    for key, n in hits.items():
        assert n >= 0.9 * len(decrees), (key, n, len(decrees))

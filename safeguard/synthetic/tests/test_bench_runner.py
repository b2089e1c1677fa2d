"""The benchmark runner rewrites its own section of docs/benchmarks.md and keeps the others."""

from bench import run as bench_run


def test_a_benchmark_section_is_replaced_and_the_others_kept(tmp_path, monkeypatch):
    docs = tmp_path / "benchmarks.md"
    docs.write_text("# Benchmarks\n\nIntro.\n\n## Foundation\n\nold figures\n\n## Clocks\n\nkept\n")
    monkeypatch.setattr(bench_run, "DOCS", docs)
    bench_run.write_section("Foundation", "## Foundation\n\nnew figures\n")
    bench_run.write_section("Front door", "## Front door\n\nappended\n")
    text = docs.read_text()
    assert "old figures" not in text
    assert text.index("new figures") < text.index("## Clocks") < text.index("## Front door")
    assert "kept" in text and "Intro." in text


def test_benchmark_modules_are_discovered_and_one_can_be_chosen():
    assert "bench_foundation" in bench_run.bench_modules()
    assert bench_run.bench_modules("foundation") == ["bench_foundation"]

//! The pipeline's stages one at a time, on the team's example article and on a megabyte of
//! articles: document view (tokens, sentences, case profile), tagging (gazetteer walk and
//! filters), resolution, roles, the whole parse, and each exporter.
//!
//! `cargo bench --bench stages` (criterion; HTML reports in target/criterion/). Whole-process
//! speed against the peers is `scripts/bench.sh`; these numbers are for finding which stage a
//! change made faster or slower.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use geomention::export::{
    CsvWriter, DocumentOutput, Exporter, GeoJsonWriter, Layer, MentionsJsonlWriter,
};
use geomention::gazetteer::Gazetteer;
use geomention::recognize::{RecognizeOptions, recognize};
use geomention::resolve::{ResolveOptions, resolve};
use geomention::roles::assign_roles;
use geomention::text::Document;
use geomention::{Geoparser, Options};

/// The example article, and the example plus the test articles repeated to about 1 MB.
fn inputs() -> Vec<(&'static str, String)> {
    let root = env!("CARGO_MANIFEST_DIR");
    let read = |p: &str| std::fs::read_to_string(format!("{root}/{p}")).expect("bench input");
    let article = read("examples/euphrates-offensive.txt");
    let mixed = [
        article.as_str(),
        &read("tests/fixtures/articles/flood-us.txt"),
        &read("tests/fixtures/articles/traps.txt"),
    ]
    .join("\n\n");
    let megabyte = mixed.repeat(1_000_000 / mixed.len() + 1);
    vec![("article", article), ("1MB", megabyte)]
}

fn stages(c: &mut Criterion) {
    let parser = Geoparser::new(Gazetteer::builtin().expect("gazetteer"), Options::default());
    let g = parser.gazetteer();
    for (name, text) in inputs() {
        let mut group = c.benchmark_group(format!("stages/{name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        if text.len() > 100_000 {
            group.sample_size(10);
        }
        let doc = Document::new(&text);
        let found = recognize(&doc, g, &RecognizeOptions::default());
        let resolutions = resolve(&doc, &found.mentions, &ResolveOptions::default());

        group.bench_function("document", |b| b.iter(|| Document::new(black_box(&text))));
        group.bench_function("tag", |b| {
            b.iter(|| recognize(black_box(&doc), g, &RecognizeOptions::default()))
        });
        group.bench_function("resolve", |b| {
            b.iter(|| resolve(black_box(&doc), &found.mentions, &ResolveOptions::default()))
        });
        group.bench_function("roles", |b| {
            b.iter(|| assign_roles(black_box(&doc), &found.mentions, &resolutions))
        });
        group.bench_function("parse", |b| b.iter(|| parser.parse(black_box(&text))));

        let parsed = parser.parse(&text);
        let output = || DocumentOutput {
            id: "bench",
            text: &text,
            text_offset: 0,
            parsed: &parsed,
            gazetteer: g,
            fields: &[],
        };
        let export = |b: &mut criterion::Bencher<'_>,
                      make: fn(&mut Vec<u8>) -> Box<dyn Exporter + '_>| {
            b.iter_batched_ref(
                || Vec::with_capacity(1 << 20),
                |out| {
                    let mut w = make(out);
                    w.begin().unwrap();
                    w.document(&output()).unwrap();
                    w.end().unwrap();
                },
                BatchSize::SmallInput,
            )
        };
        group.bench_function("export/places-geojson", |b| {
            export(b, |out| {
                Box::new(GeoJsonWriter::collection(out, Layer::Places))
            })
        });
        group.bench_function("export/mentions-jsonl", |b| {
            export(b, |out| Box::new(MentionsJsonlWriter::new(out)))
        });
        group.bench_function("export/csv", |b| {
            export(b, |out| Box::new(CsvWriter::new(out)))
        });
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);

//! `geomention map`: articles in, a map out.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use geomention::export::{DocumentOutput, Exporter};
use geomention::gazetteer::Gazetteer;
use geomention::{Geoparser, Parsed};

use super::exit::Status;
use super::input::{decode, display_name, document_id, read_text};
use super::options::{ClusterArgs, Format, LayerArg, PipelineArgs};
use super::output::{Target, exporter_with, with_target};
use super::terminal::sanitize;
use super::write::write_atomically;

/// Find the places articles mention and write them as a map layer.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  geomention map article.txt                  writes output/article.geojson
  geomention map article.txt -o - | jq .      GeoJSON on stdout
  cat article.txt | geomention map - --format mentions-jsonl
  geomention map a.txt b.txt -o both.geojson  one layer, doc_id tells them apart
  geomention map article.txt --layer mentions --format csv -o mentions.csv
  geomention map article.txt --layer clusters -o areas.geojson   activity areas (hulls)
  geomention map article.txt --format html -o map.html    a page to open in a browser
  geomention map article.txt --qgis-style                 also output/article.qml for QGIS

Without -o each FILE is written to output/<stem>.<ext> and standard input to stdout.
A file that cannot be read is reported and the others are still mapped; the exit status is
then 1.")]
pub struct Args {
    /// Text files to map (`-` for standard input).
    #[arg(value_name = "FILE", default_value = "-")]
    inputs: Vec<PathBuf>,
    /// Write everything to PATH (`-` for stdout) instead of output/<stem>.<ext>.
    #[arg(long, short = 'o', value_name = "PATH")]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Geojson)]
    format: Format,
    /// Which features a GeoJSON output holds.
    #[arg(long, value_enum, default_value_t = LayerArg::Places)]
    layer: LayerArg,
    #[command(flatten)]
    clusters: ClusterArgs,
    /// Also write a QGIS style next to a GeoJSON places layer (<name>.qml, which QGIS applies
    /// when the layer is loaded): colour by role, size by mentions, labels.
    #[arg(long)]
    qgis_style: bool,
    /// Replace invalid UTF-8 instead of refusing the file.
    #[arg(long)]
    lossy: bool,
    #[command(flatten)]
    pipeline: PipelineArgs,
    /// Print nothing on stderr but errors.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Explain on stderr every decision: each mention's place and score parts, and each
    /// rejected gazetteer match with the rule that rejected it.
    #[arg(long)]
    explain: bool,
}

/// Runs `map`.
pub fn run(args: Args, gazetteer: Option<&Path>) -> Result<Status> {
    let g = Gazetteer::open_or_builtin(gazetteer).context("cannot open the gazetteer")?;
    let parser = Geoparser::new(g, args.pipeline.options());
    if args.qgis_style
        && !(matches!(args.format, Format::Geojson | Format::Geojsonseq)
            && args.layer == LayerArg::Places)
    {
        eprintln!(
            "geomention: error: --qgis-style styles the places layer: use it with --format geojson (or geojsonseq) and --layer places"
        );
        return Ok(Status::Usage);
    }
    let mut status = Status::Success;
    match &args.output {
        // Everything into one output, one document after another.
        Some(path) => {
            let target = Target::from_arg(path);
            let name = target_name(&target);
            with_target(&target, |w| {
                let mut ex = exporter_with(w, args.format, args.layer, args.clusters.options());
                ex.begin()?;
                let mut mapped = 0usize;
                for input in &args.inputs {
                    match read_text(input, args.lossy) {
                        Ok(text) => {
                            map_document(
                                &parser,
                                &mut *ex,
                                &document_id(input),
                                &text,
                                &args,
                                &name,
                            )?;
                            mapped += 1;
                        }
                        Err(e) => {
                            eprintln!("geomention: error: {e:#}");
                            status = status.merge(Status::Error);
                        }
                    }
                }
                // A file made of no input at all would look like a map of nothing: when every
                // input failed, the error drops the temporary file (standard output, already
                // streaming, still gets a complete, empty collection).
                if mapped == 0 && matches!(target, Target::File(_)) {
                    bail!("no input could be read, so {name} was not written");
                }
                ex.end()?;
                Ok(())
            })?;
            write_style(&target, &args)?;
        }
        // Each file to output/<stem>.<ext>, standard input to stdout.
        None => {
            for input in &args.inputs {
                let target = if input == Path::new("-") {
                    Target::Stdout
                } else {
                    Target::File(Path::new("output").join(format!(
                        "{}.{}",
                        document_id(input),
                        args.format.extension()
                    )))
                };
                let done = map_one(&parser, input, &target, &args)
                    .and_then(|()| write_style(&target, &args));
                if let Err(e) = done {
                    eprintln!("geomention: error: {e:#}");
                    status = status.merge(Status::Error);
                }
            }
        }
    }
    Ok(status)
}

/// The QGIS style next to a places layer file, with --qgis-style (nothing for stdout).
fn write_style(target: &Target, args: &Args) -> Result<()> {
    let Target::File(path) = target else {
        if args.qgis_style {
            eprintln!(
                "geomention: note: --qgis-style needs an output file; no style written for stdout"
            );
        }
        return Ok(());
    };
    if !args.qgis_style {
        return Ok(());
    }
    let qml = path.with_extension("qml");
    write_atomically(&qml, |w| {
        w.write_all(geomention::export::places_style().as_bytes())?;
        Ok(())
    })?;
    if !args.quiet {
        eprintln!("style: {}", qml.display());
    }
    Ok(())
}

fn target_name(t: &Target) -> String {
    match t {
        Target::Stdout => "stdout".to_string(),
        Target::File(p) => p.display().to_string(),
    }
}

fn map_one(parser: &Geoparser, input: &Path, target: &Target, args: &Args) -> Result<()> {
    // Read and check the input before anything is created, so a bad input leaves no file.
    let text = if input == Path::new("-") {
        read_text(input, args.lossy)?
    } else {
        let bytes =
            std::fs::read(input).with_context(|| format!("cannot read {}", input.display()))?;
        decode(bytes, &display_name(input), args.lossy)?
    };
    let name = target_name(target);
    with_target(target, |w| {
        let mut ex = exporter_with(w, args.format, args.layer, args.clusters.options());
        ex.begin()?;
        map_document(parser, &mut *ex, &document_id(input), &text, args, &name)?;
        ex.end()?;
        Ok(())
    })
}

/// Parses one document part by part into the exporter (memory bounded by a part), then prints
/// its summary and, with --explain, its decisions.
fn map_document(
    parser: &Geoparser,
    ex: &mut dyn Exporter,
    id: &str,
    text: &str,
    args: &Args,
    target: &str,
) -> Result<()> {
    let mut summary = Summary::default();
    ex.begin_document(id)?;
    parser.parse_parts(text, |part_text, offset, parsed| -> Result<()> {
        ex.part(&DocumentOutput {
            id,
            text: part_text,
            text_offset: offset,
            parsed: &parsed,
            gazetteer: parser.gazetteer(),
            fields: &[],
        })?;
        summary.add(&parsed);
        if args.explain {
            explain(id, part_text, offset, &parsed);
        }
        Ok(())
    })?;
    ex.end_document()?;
    if !args.quiet {
        summary.print(id, target);
    }
    Ok(())
}

/// What one line on stderr says about a document: where it went and what it holds.
#[derive(Default)]
struct Summary {
    mentions: usize,
    resolved: usize,
    places: std::collections::BTreeMap<u32, (String, usize)>,
}

impl Summary {
    fn add(&mut self, parsed: &Parsed<'_>) {
        self.mentions += parsed.mentions.len();
        for m in &parsed.mentions {
            if let Some(p) = m.place {
                self.resolved += 1;
                self.places
                    .entry(p.index.0)
                    .or_insert_with(|| (p.name.to_string(), 0))
                    .1 += 1;
            }
        }
    }

    fn print(&self, id: &str, target: &str) {
        let mut top: Vec<&(String, usize)> = self.places.values().collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let top: Vec<String> = top
            .iter()
            .take(6)
            .map(|(n, c)| format!("{} ×{c}", sanitize(n)))
            .collect();
        eprintln!(
            "{}: {} mentions ({} resolved) of {} places → {target}{}{}",
            sanitize(id),
            self.mentions,
            self.resolved,
            self.places.len(),
            if top.is_empty() { "" } else { ": " },
            top.join(", ")
        );
    }
}

/// Prints why each mention got its place and why each rejected match was rejected. `text`
/// is the part, starting at byte `offset` of the document.
fn explain(id: &str, text: &str, offset: usize, parsed: &Parsed<'_>) {
    let show = |s: &geomention::text::Span| {
        sanitize(
            text.get(s.byte_start.0.saturating_sub(offset)..s.byte_end.0.saturating_sub(offset))
                .unwrap_or(""),
        )
    };
    let mut lines: Vec<(usize, String)> = Vec::new();
    for m in &parsed.mentions {
        let place = match m.place {
            Some(p) => format!(
                "{} ({}, {} {}, {})",
                p.name, p.id, p.country_code, p.feature_code, p.population
            ),
            None => "unresolved".to_string(),
        };
        let why = match m.evidence {
            Some(e) => format!(
                "prior {:.2} country {:.2} admin1 {:.2} parent {:.2} descriptor {:.2} list {:.2} longer name {:.2} spatial {:.2} joint {:.2} county {:.2} bias {:.2}",
                e.prior,
                e.country,
                e.admin1,
                e.parent,
                e.descriptor,
                e.list,
                e.longer_name,
                e.spatial,
                e.joint,
                e.county,
                e.bias
            ),
            None if m.candidates == 0 => "the gazetteer has no place of this name".to_string(),
            None => String::new(),
        };
        lines.push((
            m.span.char_start.0,
            format!(
                "{id}:{}: mention {:?} → {place}; role {} ({}); confidence {:.2} of {} candidates; {why}",
                m.span.char_start.0,
                show(&m.span),
                m.role.role,
                m.role.cue.as_str(),
                m.confidence,
                m.candidates
            ),
        ));
    }
    for r in &parsed.rejected {
        lines.push((
            r.span.char_start.0,
            format!(
                "{id}:{}: rejected {:?}: {}",
                r.span.char_start.0,
                show(&r.span),
                r.reason
            ),
        ));
    }
    lines.sort();
    for (_, l) in lines {
        eprintln!("{l}");
    }
}

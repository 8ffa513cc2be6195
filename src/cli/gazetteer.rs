//! `geomention gazetteer info | lookup | build`.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Subcommand;
use serde::Serialize;

use geomention::gazetteer::compile::{self, Compiler};
use geomention::gazetteer::{
    CandidateRow, FeatureClass, Gazetteer, LookupOptions, Metadata, builtin_team_tables, source,
};

use super::exit::Status;
use super::terminal::{sanitize, truncate};
use super::write::write_atomically;

/// Inspect, query or build gazetteers.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Counts by feature class and source, source versions and attribution.
    Info(InfoArgs),
    /// Ranked candidates for a place name.
    #[command(after_long_help = "\
Examples:
  geomention gazetteer lookup Raqqa
  geomention gazetteer lookup 'Deir ez-Zor' --limit 3 --json
  geomention gazetteer lookup --names-from names.txt > candidates.jsonl

Match kinds, most literal first: exact (the place's own name), alias (one of its alternate
names), abbreviation (W.Va., U.K.), demonym (Syrian), folded (equal after folding case,
diacritics, hyphens and apostrophes), article-stripped (equal without al-/ar-/ez-), part
(a name that matches nothing whole names a part or the surroundings of a place: \"northern
Syria\", \"Aleppo countryside\", \"metro Atlanta\"), fuzzy (similar spelling; only after all
literal matches).

Exit status: 0 when some name has a candidate, 1 when none has, 2 for usage errors.")]
    Lookup(LookupArgs),
    /// Compile a gazetteer from GeoNames dumps and custom TSV files.
    #[command(after_long_help = "\
Examples:
  # the whole world from the official dumps (unzip them first)
  geomention gazetteer build -o world.gmz --geonames allCountries.txt \\
      --alternate-names alternateNamesV2.txt --country-info countryInfo.txt \\
      --admin1-codes admin1CodesASCII.txt
  # one country plus your own places
  geomention gazetteer build -o sy.gmz --geonames SY.txt --custom my-places.tsv
  geomention --gazetteer sy.gmz gazetteer lookup Raqqa

Input files may be gzip-compressed. Rows stream through: allCountries (12 million rows) needs
about 2 GB of memory. The team's aliases, abbreviations, demonyms and stoplist are added unless
--no-team-tables is given; rows naming places the dumps lack are skipped.")]
    Build(BuildArgs),
}

#[derive(Debug, clap::Args)]
struct InfoArgs {
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
struct LookupArgs {
    /// The place name(s) to look up.
    #[arg(value_name = "NAME", required_unless_present = "names_from")]
    names: Vec<String>,
    /// Read names one per line from FILE (`-` for stdin) and write one JSON line per name.
    #[arg(long, value_name = "FILE", conflicts_with = "names")]
    names_from: Option<PathBuf>,
    /// Most candidates per name.
    #[arg(long, short = 'n', default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..=1000))]
    limit: u16,
    /// Print a JSON array (best first) instead of a table.
    #[arg(long)]
    json: bool,
    /// Do not look for similar spellings.
    #[arg(long)]
    no_fuzzy: bool,
}

#[derive(Debug, clap::Args)]
struct BuildArgs {
    /// Where to write the compiled gazetteer.
    #[arg(long, short = 'o', value_name = "PATH")]
    output: PathBuf,
    /// A GeoNames 19-column file (allCountries.txt, cities500.txt, XX.txt); repeatable.
    #[arg(long, value_name = "FILE")]
    geonames: Vec<PathBuf>,
    /// A file in the team's custom TSV format (see gazetteer/README.md); repeatable.
    #[arg(long, value_name = "FILE")]
    custom: Vec<PathBuf>,
    /// GeoNames alternateNamesV2.txt (or alternateNames.txt): more names for the places.
    #[arg(long, value_name = "FILE")]
    alternate_names: Option<PathBuf>,
    /// GeoNames countryInfo.txt: which feature is each country.
    #[arg(long, value_name = "FILE")]
    country_info: Option<PathBuf>,
    /// GeoNames admin1CodesASCII.txt: which feature is each admin-1 unit.
    #[arg(long, value_name = "FILE")]
    admin1_codes: Option<PathBuf>,
    /// Leave out the team's aliases, abbreviations, demonyms and stoplist.
    #[arg(long)]
    no_team_tables: bool,
    /// Overwrite the output if it exists.
    #[arg(long)]
    force: bool,
}

/// Runs `gazetteer …`.
pub fn run(args: Args, gazetteer: Option<&Path>) -> Result<Status> {
    match args.command {
        Command::Info(a) => info(a, gazetteer),
        Command::Lookup(a) => lookup(a, gazetteer),
        Command::Build(a) => build(a),
    }
}

fn open(path: Option<&Path>) -> Result<Gazetteer> {
    Gazetteer::open_or_builtin(path).context("cannot open the gazetteer")
}

#[derive(Serialize)]
struct InfoJson<'a> {
    gazetteer: String,
    #[serde(flatten)]
    metadata: &'a Metadata,
    attribution: &'static str,
}

/// Attribution printed by `info`; `gazetteer/ATTRIBUTION` has the full text.
const ATTRIBUTION: &str = "Contains GeoNames data (https://www.geonames.org, CC BY 4.0, modified) \
and Natural Earth data (public domain); see gazetteer/ATTRIBUTION.";

fn info(args: InfoArgs, path: Option<&Path>) -> Result<Status> {
    let g = open(path)?;
    let m = g.metadata();
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(
            &mut out,
            &InfoJson {
                gazetteer: g.path().display().to_string(),
                metadata: m,
                attribution: ATTRIBUTION,
            },
        )?;
        writeln!(out)?;
        return Ok(Status::Success);
    }
    writeln!(
        out,
        "gazetteer:  {} (format {})",
        g.path().display(),
        m.format_version
    )?;
    writeln!(
        out,
        "places:     {}\nnames:      {} ({} distinct folded keys)\ndemonyms:   {}\nabbreviations: {}\nstopwords:  {}\ncommon words: {}",
        thousands(m.places),
        thousands(m.names),
        thousands(m.keys),
        thousands(m.demonyms),
        thousands(m.abbreviations),
        thousands(m.stopwords),
        thousands(m.common_words)
    )?;
    writeln!(out, "\nby feature class:")?;
    for (class, count) in &m.feature_classes {
        let description = FeatureClass::parse(class)
            .map(FeatureClass::description)
            .unwrap_or("unclassified");
        writeln!(out, "  {class}  {description:<30} {:>9}", thousands(*count))?;
    }
    writeln!(out, "\nby source:")?;
    for s in &m.sources {
        writeln!(
            out,
            "  {:<14} {:>9}  {}",
            s.label,
            thousands(s.places),
            s.version
        )?;
        writeln!(out, "  {:<14} {:>9}  licence: {}", "", "", s.licence)?;
    }
    writeln!(out, "\n{ATTRIBUTION}")?;
    Ok(Status::Success)
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[derive(Serialize)]
struct LookupLine<'a> {
    query: &'a str,
    candidates: Vec<CandidateRow>,
}

fn lookup(args: LookupArgs, path: Option<&Path>) -> Result<Status> {
    let options = LookupOptions {
        limit: usize::from(args.limit),
        fuzzy: !args.no_fuzzy,
    };
    if let Some(file) = &args.names_from {
        let g = open(path)?;
        return lookup_lines(&g, file, &options);
    }
    if args.names.iter().any(|n| n.trim().is_empty()) {
        eprintln!(
            "geomention: error: a place name is empty; give one, e.g. `geomention gazetteer lookup Raqqa`"
        );
        return Ok(Status::Usage);
    }
    let g = open(path)?;
    let mut out = std::io::stdout().lock();
    let mut any = false;
    let mut all_rows = Vec::new();
    for name in &args.names {
        let rows: Vec<CandidateRow> = g
            .lookup(name, &options)
            .iter()
            .map(|c| CandidateRow::new(&g, c))
            .collect();
        any |= !rows.is_empty();
        if rows.is_empty() {
            eprintln!(
                "geomention: no place named {:?} in {}",
                name,
                g.path().display()
            );
        }
        if args.json {
            all_rows.extend(rows);
        } else {
            if args.names.len() > 1 {
                writeln!(out, "{}:", sanitize(name))?;
            }
            print_table(&mut out, &rows, None)?;
        }
    }
    if args.json {
        serde_json::to_writer_pretty(&mut out, &all_rows)?;
        writeln!(out)?;
    }
    Ok(if any { Status::Success } else { Status::Error })
}

fn lookup_lines(g: &Gazetteer, file: &Path, options: &LookupOptions) -> Result<Status> {
    let reader: Box<dyn BufRead> = if file == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        source::open(file).with_context(|| format!("cannot read {}", file.display()))?
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = false;
    for (i, line) in reader.lines().enumerate() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!(
                    "geomention: error: {}:{}: {e}; line skipped",
                    file.display(),
                    i + 1
                );
                failed = true;
                continue;
            }
        };
        let name = line.trim();
        let candidates = if name.is_empty() {
            Vec::new()
        } else {
            g.lookup(name, options)
                .iter()
                .map(|c| CandidateRow::new(g, c))
                .collect()
        };
        serde_json::to_writer(
            &mut out,
            &LookupLine {
                query: name,
                candidates,
            },
        )?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(if failed {
        Status::Error
    } else {
        Status::Success
    })
}

/// The ranked-candidates table of `gazetteer lookup` and `geocode`; `extra` adds a last
/// column (its header and one value per row).
pub fn print_table(
    out: &mut impl Write,
    rows: &[CandidateRow],
    extra: Option<(&str, &[String])>,
) -> std::io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let (extra_header, extra_values) = extra.unwrap_or(("", &[]));
    let header = format!(
        "{:>2}  {:<16} {:<28} {:<2} {:<24} {:<5} {:>10} {:>10} {:>11}  {:<16} {extra_header}",
        "#", "place_id", "name", "cc", "admin1", "code", "population", "lat", "lon", "match"
    );
    writeln!(out, "{}", header.trim_end())?;
    for (i, r) in rows.iter().enumerate() {
        let line = format!(
            "{:>2}  {:<16} {:<28} {:<2} {:<24} {:<5} {:>10} {:>10.5} {:>11.5}  {:<16} {}",
            i + 1,
            sanitize(&r.place_id),
            truncate(&sanitize(&r.name), 28),
            r.country_code,
            truncate(&sanitize(&r.admin1), 24),
            r.feature_code,
            r.population,
            r.lat,
            r.lon,
            r.match_kind,
            extra_values.get(i).map_or("", String::as_str)
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn build(args: BuildArgs) -> Result<Status> {
    if args.geonames.is_empty() && args.custom.is_empty() {
        eprintln!(
            "geomention: error: nothing to build from: give --geonames FILE and/or --custom FILE"
        );
        return Ok(Status::Usage);
    }
    if args.output.exists() && !args.force {
        bail!(
            "{} exists; pass --force to overwrite it",
            args.output.display()
        );
    }
    let mut c = Compiler::new();
    for file in &args.geonames {
        let label = format!("geonames:{}", file_name(file));
        let id = c.add_source(
            &label,
            &file.display().to_string(),
            "CC BY 4.0, GeoNames (https://www.geonames.org)",
        );
        source::read_geonames(file, |row| {
            c.add_place(row, id);
            Ok(())
        })?;
        eprintln!("read {}: {} places so far", file.display(), c.len());
    }
    for file in &args.custom {
        let id = c.add_source(
            &format!("custom:{}", file_name(file)),
            &file.display().to_string(),
            "as given by its author",
        );
        compile::add_file(&mut c, file, id)?;
        eprintln!("read {}: {} places so far", file.display(), c.len());
    }
    if let Some(file) = &args.alternate_names {
        let (mut added, mut unknown) = (0u64, 0u64);
        source::read_alternate_names(file, |alt| {
            if c.add_alternate_name(alt.geonameid, &alt.name) {
                added += 1;
            } else {
                unknown += 1;
            }
            Ok(())
        })?;
        eprintln!(
            "read {}: {added} names added, {unknown} for places not in the gazetteer",
            file.display()
        );
    }
    let country_info = args
        .country_info
        .as_deref()
        .map(compile::read_file)
        .transpose()?;
    let admin1 = args
        .admin1_codes
        .as_deref()
        .map(compile::read_file)
        .transpose()?;
    compile::apply_code_files(
        &mut c,
        args.country_info.as_deref().zip(country_info.as_deref()),
        args.admin1_codes.as_deref().zip(admin1.as_deref()),
    )?;
    if !args.no_team_tables {
        builtin_team_tables().apply(&mut c, true)?;
    }
    if c.is_empty() {
        bail!("the inputs hold no places: nothing to build");
    }
    let metadata = write_atomically(&args.output, |mut out| Ok(c.finish(&mut out)?))?;
    eprintln!(
        "wrote {}: {} places, {} names, {} keys",
        args.output.display(),
        metadata.places,
        metadata.names,
        metadata.keys
    );
    Ok(Status::Success)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

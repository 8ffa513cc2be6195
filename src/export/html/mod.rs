//! A self-contained HTML map: one file with the country outlines (Natural Earth 1:110m, shipped
//! in `assets/`), the places as circles sized by mentions and coloured by role, the areas of
//! places as dashed hulls, a legend, popups with each place's snippet, and a sortable table.
//! No network is needed to view it: data, outlines, style and script are all inline, and the
//! script was written for this page (no library).

use std::io::Write;

use serde::Serialize;

use super::{DocumentOutput, Error, Exporter, PlaceAggregator, cluster_rows};
use crate::group::ClusterOptions;

const TEMPLATE: &str = include_str!("template.html");
const WORLD: &str = include_str!("../../../assets/world-110m.json");

#[derive(Serialize)]
struct HtmlPlace {
    doc_id: String,
    name: String,
    country_code: String,
    admin1: String,
    role: &'static str,
    mentions: u32,
    activity_mentions: u32,
    surface_forms: String,
    snippet: String,
    lat: f64,
    lon: f64,
}

#[derive(Serialize)]
struct HtmlCluster {
    members: String,
    activity_area: bool,
    rings: Vec<Vec<[f64; 2]>>,
}

#[derive(Serialize)]
struct HtmlData<'a> {
    places: &'a [HtmlPlace],
    clusters: &'a [HtmlCluster],
    mentions: u64,
}

/// Writes every document's places into one HTML page at `end`.
pub struct HtmlWriter<W: Write> {
    out: W,
    clustering: ClusterOptions,
    current: PlaceAggregator,
    places: Vec<HtmlPlace>,
    clusters: Vec<HtmlCluster>,
    mentions: u64,
    documents: Vec<String>,
}

impl<W: Write> HtmlWriter<W> {
    /// A writer over `out`.
    pub fn new(out: W) -> Self {
        HtmlWriter {
            out,
            clustering: ClusterOptions::default(),
            current: PlaceAggregator::default(),
            places: Vec::new(),
            clusters: Vec::new(),
            mentions: 0,
            documents: Vec::new(),
        }
    }

    /// Clusters places with these parameters instead of the defaults.
    pub fn with_clustering(mut self, clustering: ClusterOptions) -> Self {
        self.clustering = clustering;
        self
    }
}

/// Escapes text for HTML element content and attribute values.
fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// JSON inside `<script>`: "</" could close the element, so it is written "<\/" (the same
/// string to a JSON parser).
fn script_safe(json: &str) -> String {
    json.replace("</", "<\\/").replace("<!--", "<\\!--")
}

impl<W: Write> Exporter for HtmlWriter<W> {
    fn begin(&mut self) -> Result<(), Error> {
        Ok(())
    }

    fn begin_document(&mut self, id: &str) -> Result<(), Error> {
        self.current = PlaceAggregator::default();
        self.documents.push(id.to_string());
        Ok(())
    }

    fn part(&mut self, doc: &DocumentOutput<'_, '_>) -> Result<(), Error> {
        self.mentions += doc.parsed.mentions.len() as u64;
        self.current.add(doc);
        Ok(())
    }

    fn end_document(&mut self) -> Result<(), Error> {
        let mut rows = self.current.finish();
        let clusters = cluster_rows(&mut rows, &self.clustering);
        self.clusters
            .extend(clusters.into_iter().map(|c| HtmlCluster {
                members: c.members.clone(),
                activity_area: c.activity_area,
                rings: c.rings().to_vec(),
            }));
        self.places.extend(rows.into_iter().map(|r| HtmlPlace {
            doc_id: r.doc_id,
            name: r.name,
            country_code: r.country_code,
            admin1: r.admin1,
            role: r.role,
            mentions: r.mentions,
            activity_mentions: r.activity_mentions,
            surface_forms: r.surface_forms,
            snippet: r.snippet,
            lat: r.lat,
            lon: r.lon,
        }));
        Ok(())
    }

    fn end(&mut self) -> Result<(), Error> {
        let title = match self.documents.as_slice() {
            [] => "geomention map".to_string(),
            [one] => format!("Places in {one}"),
            [first, rest @ ..] => format!("Places in {first} and {} more", rest.len()),
        };
        let data = serde_json::to_string(&HtmlData {
            places: &self.places,
            clusters: &self.clusters,
            mentions: self.mentions,
        })?;
        let page = TEMPLATE
            .replace("{{TITLE}}", &escape_html(&title))
            .replace("{{WORLD}}", &script_safe(WORLD))
            .replace("{{DATA}}", &script_safe(&data));
        self.out.write_all(page.as_bytes())?;
        self.out.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_cannot_close_its_script() {
        let json = serde_json::to_string("</script><script>alert(1)</script>").unwrap();
        let safe = script_safe(&json);
        assert!(!safe.contains("</"));
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "</script><script>alert(1)</script>");
        assert_eq!(
            escape_html("<b>\"x\" & 'y'"),
            "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;"
        );
    }
}

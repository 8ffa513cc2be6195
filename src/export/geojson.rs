//! GeoJSON (RFC 7946) and GeoJSONSeq (RFC 8142) writers for the places and mentions layers.

use std::io::Write;

use serde::Serialize;

use super::{DocumentOutput, Error, Exporter, MentionRow, PlaceAggregator};

/// Which features to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    /// One feature per resolved place per document (point geometry).
    Places,
    /// One feature per mention (null geometry when unresolved).
    Mentions,
}

/// Framing of the features.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Framing {
    /// One FeatureCollection.
    Collection,
    /// RFC 8142: each feature after an ASCII record separator, one per line.
    Sequence,
}

#[derive(Serialize)]
struct Point {
    #[serde(rename = "type")]
    kind: &'static str,
    coordinates: [f64; 2],
}

#[derive(Serialize)]
struct Feature<'a, P: Serialize> {
    #[serde(rename = "type")]
    kind: &'static str,
    geometry: Option<Point>,
    properties: &'a P,
}

/// Writes a layer as a FeatureCollection or as GeoJSONSeq.
pub struct GeoJsonWriter<W: Write> {
    out: W,
    layer: Layer,
    framing: Framing,
    written: u64,
    places: PlaceAggregator,
}

impl<W: Write> GeoJsonWriter<W> {
    /// A FeatureCollection writer.
    pub fn collection(out: W, layer: Layer) -> Self {
        GeoJsonWriter {
            out,
            layer,
            framing: Framing::Collection,
            written: 0,
            places: PlaceAggregator::default(),
        }
    }

    /// A GeoJSONSeq writer.
    pub fn sequence(out: W, layer: Layer) -> Self {
        GeoJsonWriter {
            out,
            layer,
            framing: Framing::Sequence,
            written: 0,
            places: PlaceAggregator::default(),
        }
    }

    /// Features written so far.
    pub fn features(&self) -> u64 {
        self.written
    }

    fn feature<P: Serialize>(
        &mut self,
        geometry: Option<Point>,
        properties: &P,
    ) -> Result<(), Error> {
        match self.framing {
            Framing::Collection => {
                self.out
                    .write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
            }
            Framing::Sequence => self.out.write_all(b"\x1e")?,
        }
        serde_json::to_writer(
            &mut self.out,
            &Feature {
                kind: "Feature",
                geometry,
                properties,
            },
        )?;
        if self.framing == Framing::Sequence {
            self.out.write_all(b"\n")?;
        }
        self.written += 1;
        Ok(())
    }
}

impl<W: Write> Exporter for GeoJsonWriter<W> {
    fn begin(&mut self) -> Result<(), Error> {
        if self.framing == Framing::Collection {
            self.out
                .write_all(br#"{"type":"FeatureCollection","features":["#)?;
        }
        Ok(())
    }

    fn begin_document(&mut self, _id: &str) -> Result<(), Error> {
        self.places = PlaceAggregator::default();
        Ok(())
    }

    fn end_document(&mut self) -> Result<(), Error> {
        for row in self.places.finish() {
            let point = Point {
                kind: "Point",
                coordinates: [row.lon, row.lat],
            };
            self.feature(Some(point), &row)?;
        }
        Ok(())
    }

    fn part(&mut self, doc: &DocumentOutput<'_, '_>) -> Result<(), Error> {
        match self.layer {
            Layer::Places => self.places.add(doc),
            Layer::Mentions => {
                for m in &doc.parsed.mentions {
                    let row = MentionRow::new(doc, m);
                    let point = row.lat.zip(row.lon).map(|(lat, lon)| Point {
                        kind: "Point",
                        coordinates: [lon, lat],
                    });
                    self.feature(point, &row)?;
                }
            }
        }
        Ok(())
    }

    fn end(&mut self) -> Result<(), Error> {
        if self.framing == Framing::Collection {
            self.out.write_all(b"\n]}\n")?;
        }
        self.out.flush()?;
        Ok(())
    }
}

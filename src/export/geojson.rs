//! GeoJSON (RFC 7946) and GeoJSONSeq (RFC 8142) writers for the places and mentions layers.

use std::io::Write;

use serde::Serialize;

use super::{DocumentOutput, Error, Exporter, MentionRow, PlaceAggregator, cluster_rows};
use crate::group::ClusterOptions;

/// Which features to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    /// One feature per resolved place per document (point geometry).
    Places,
    /// One feature per mention (null geometry when unresolved).
    Mentions,
    /// One feature per spatial cluster of a document's places: a hull polygon, or a point for
    /// a single place.
    Clusters,
}

/// Framing of the features.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Framing {
    /// One FeatureCollection.
    Collection,
    /// RFC 8142: each feature after an ASCII record separator, one per line.
    Sequence,
}

/// A GeoJSON geometry.
#[derive(Serialize)]
#[serde(tag = "type")]
pub(super) enum Geometry {
    /// `[lon, lat]`.
    Point { coordinates: [f64; 2] },
    /// One ring.
    Polygon { coordinates: Vec<Vec<[f64; 2]>> },
    /// Several polygons of one ring each (a hull cut at the antimeridian).
    MultiPolygon {
        coordinates: Vec<Vec<Vec<[f64; 2]>>>,
    },
}

fn point(lon: f64, lat: f64) -> Geometry {
    Geometry::Point {
        coordinates: [lon, lat],
    }
}

#[derive(Serialize)]
struct Feature<'a, P: Serialize> {
    #[serde(rename = "type")]
    kind: &'static str,
    geometry: Option<Geometry>,
    properties: &'a P,
}

/// Writes a layer as a FeatureCollection or as GeoJSONSeq.
pub struct GeoJsonWriter<W: Write> {
    out: W,
    layer: Layer,
    framing: Framing,
    written: u64,
    places: PlaceAggregator,
    clustering: ClusterOptions,
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
            clustering: ClusterOptions::default(),
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
            clustering: ClusterOptions::default(),
        }
    }

    /// Clusters places with these parameters instead of the defaults.
    pub fn with_clustering(mut self, clustering: ClusterOptions) -> Self {
        self.clustering = clustering;
        self
    }

    /// Features written so far.
    pub fn features(&self) -> u64 {
        self.written
    }

    fn feature<P: Serialize>(
        &mut self,
        geometry: Option<Geometry>,
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
        let mut rows = self.places.finish();
        let clusters = cluster_rows(&mut rows, &self.clustering);
        match self.layer {
            Layer::Places => {
                for row in &rows {
                    self.feature(Some(point(row.lon, row.lat)), row)?;
                }
            }
            Layer::Clusters => {
                for c in clusters {
                    let geometry = c.geometry();
                    self.feature(Some(geometry), &c)?;
                }
            }
            Layer::Mentions => {}
        }
        Ok(())
    }

    fn part(&mut self, doc: &DocumentOutput<'_, '_>) -> Result<(), Error> {
        match self.layer {
            Layer::Places | Layer::Clusters => self.places.add(doc),
            Layer::Mentions => {
                for m in &doc.parsed.mentions {
                    let row = MentionRow::new(doc, m);
                    let geometry = row.lat.zip(row.lon).map(|(lat, lon)| point(lon, lat));
                    self.feature(geometry, &row)?;
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

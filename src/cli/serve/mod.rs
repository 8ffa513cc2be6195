//! `geomention serve`: the pipeline and the geocoder as a local web service, and a page to paste
//! an article and see its map. Routes: `POST /v1/geoparse`, `GET /v1/geocode`, `GET /healthz`,
//! `GET /` (the page), `GET /openapi.json` (the API's description).

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use serde::Deserialize;

use geomention::export::DocumentOutput;
use geomention::gazetteer::{CountryCode, Gazetteer};
use geomention::geocode::{Geocoder, Request as GeocodeRequest};
use geomention::{Geoparser, Options};

use super::exit::Status;
use super::geocode::answer;
use super::http::{self, Limits, Request, Response};
use super::options::{Format, LayerArg, PipelineArgs};
use super::output::exporter;

const PAGE: &str = include_str!("page.html");
const OPENAPI: &str = include_str!("openapi.json");

/// Run the geoparser and the geocoder as a local web service.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Examples:
  geomention serve                                  http://127.0.0.1:8080/ in a browser
  curl -s --data-binary @article.txt -H 'Content-Type: text/plain' localhost:8080/v1/geoparse
  curl -s localhost:8080/v1/geoparse?format=mentions -H 'Content-Type: application/json' \\
       -d '{\"text\": \"Shelling hit Aleppo.\", \"bias_country\": [\"SY\"]}'
  curl -s 'localhost:8080/v1/geocode?q=Springfield,%20IL'
  curl -s localhost:8080/openapi.json               the API, described

Binds to loopback unless --addr says otherwise. Oversize bodies get 413, slow requests 408,
connections beyond --max-connections 503; errors are JSON. Ctrl-C stops accepting and waits
for the requests in progress.")]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
    addr: SocketAddr,
    /// Largest request body accepted, in bytes.
    #[arg(long, default_value_t = 10_000_000, value_name = "BYTES")]
    max_body_bytes: usize,
    /// Seconds a request may take to arrive (and a response to be sent).
    #[arg(long, default_value_t = 10, value_name = "SECS")]
    timeout_secs: u64,
    /// Connections served at once; more are answered 503.
    #[arg(long, default_value_t = 64, value_name = "N")]
    max_connections: usize,
    #[command(flatten)]
    pipeline: PipelineArgs,
    /// Print nothing on stderr but errors.
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// `POST /v1/geoparse` with a JSON body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GeoparseBody {
    text: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    bias_country: Option<Vec<String>>,
}

/// Runs `serve` until Ctrl-C.
pub fn run(args: Args, gazetteer: Option<&Path>) -> Result<Status> {
    let g = Gazetteer::open_or_builtin(gazetteer).context("cannot open the gazetteer")?;
    let parser = Arc::new(Geoparser::new(g, args.pipeline.options()));
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        let _ = ctrlc::set_handler(move || {
            if stop.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
    }
    let limits = Limits {
        max_body_bytes: args.max_body_bytes,
        timeout: Duration::from_secs(args.timeout_secs.max(1)),
        max_connections: args.max_connections.max(1),
    };
    let handler: Arc<dyn Fn(&Request) -> Response + Send + Sync> = {
        let parser = Arc::clone(&parser);
        Arc::new(move |r: &Request| route(&parser, r))
    };
    let quiet = args.quiet;
    http::serve(args.addr, limits, Arc::clone(&stop), handler, |addr| {
        // Always said: a caller that asked for port 0 needs to know which one it got.
        eprintln!("listening on http://{addr}/");
        if !quiet {
            eprintln!("routes: POST /v1/geoparse, GET /v1/geocode?q=, GET /healthz, GET /openapi.json; Ctrl-C stops");
        }
    })
    .with_context(|| format!("cannot listen on {}", args.addr))?;
    if !quiet {
        eprintln!("stopped");
    }
    Ok(Status::Success)
}

fn route(parser: &Geoparser, r: &Request) -> Response {
    match (r.method.as_str(), r.path.as_str()) {
        ("GET", "/") => Response {
            status: 200,
            content_type: "text/html; charset=utf-8",
            body: PAGE.as_bytes().to_vec(),
        },
        ("GET", "/healthz") => Response::json(200, br#"{"status":"ok"}"#.to_vec()),
        ("GET", "/openapi.json") => Response::json(
            200,
            OPENAPI
                .replace("{{VERSION}}", env!("CARGO_PKG_VERSION"))
                .into_bytes(),
        ),
        ("POST", "/v1/geoparse") => geoparse(parser, r),
        ("GET", "/v1/geocode") => geocode(parser.gazetteer(), r),
        (_, "/" | "/healthz" | "/openapi.json" | "/v1/geoparse" | "/v1/geocode") => {
            Response::error(405, &format!("{} is not allowed on {}", r.method, r.path))
        }
        _ => Response::error(404, &format!("no route {}", r.path)),
    }
}

fn geoparse(parser: &Geoparser, r: &Request) -> Response {
    let content_type = r
        .header("content-type")
        .unwrap_or("text/plain")
        .to_ascii_lowercase();
    let mut format = r.param("format");
    let mut options: Option<Options> = None;
    let mut id = "request".to_string();
    let text = if content_type.starts_with("application/json") {
        let body: GeoparseBody = match serde_json::from_slice(&r.body) {
            Ok(b) => b,
            Err(e) => return Response::error(400, &format!("malformed JSON body: {e}")),
        };
        if let Some(f) = body.format {
            format = Some(f);
        }
        if let Some(i) = body.id {
            id = i;
        }
        if let Some(codes) = body.bias_country {
            let mut parsed = Vec::new();
            for c in &codes {
                match CountryCode::parse(c) {
                    Some(cc) => parsed.push(cc),
                    None => {
                        return Response::error(
                            400,
                            &format!("{c:?} is not a two-letter country code"),
                        );
                    }
                }
            }
            let mut o = parser.options().clone();
            o.resolve.bias_countries = parsed;
            options = Some(o);
        }
        body.text
    } else if content_type.starts_with("text/plain") || content_type.is_empty() {
        match String::from_utf8(r.body.clone()) {
            Ok(t) => t,
            Err(e) => {
                return Response::error(
                    400,
                    &format!(
                        "the body is not valid UTF-8 at byte {}",
                        e.utf8_error().valid_up_to()
                    ),
                );
            }
        }
    } else {
        return Response::error(
            415,
            "send text/plain, or application/json with a \"text\" field",
        );
    };
    let (fmt, layer, content) = match format.as_deref().unwrap_or("geojson") {
        "geojson" | "places" => (Format::Geojson, LayerArg::Places, "application/geo+json"),
        "clusters" => (Format::Geojson, LayerArg::Clusters, "application/geo+json"),
        "mentions" => (Format::MentionsJsonl, LayerArg::Places, "application/json"),
        "html" => (Format::Html, LayerArg::Places, "text/html; charset=utf-8"),
        other => {
            return Response::error(
                400,
                &format!("unknown format {other:?}; use geojson, clusters, mentions or html"),
            );
        }
    };
    let parsed = match &options {
        Some(o) => parser.parse_with(&text, o),
        None => parser.parse(&text),
    };
    let mut body = Vec::new();
    {
        let mut ex = exporter(&mut body, fmt, layer);
        let doc = DocumentOutput {
            id: &id,
            text: &text,
            text_offset: 0,
            parsed: &parsed,
            gazetteer: parser.gazetteer(),
            fields: &[],
        };
        let written = ex
            .begin()
            .and_then(|()| ex.document(&doc))
            .and_then(|()| ex.end());
        if let Err(e) = written {
            return Response::error(500, &format!("cannot write the result: {e}"));
        }
    }
    while body.last() == Some(&b'\n') {
        body.pop();
    }
    Response {
        status: 200,
        content_type: content,
        body,
    }
}

fn geocode(g: &Gazetteer, r: &Request) -> Response {
    let Some(q) = r.param("q").filter(|q| !q.trim().is_empty()) else {
        return Response::error(400, "give a name: /v1/geocode?q=Raqqa");
    };
    let country = r.param("country");
    let admin1 = r.param("admin1");
    let limit = r
        .param("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(5)
        .min(100);
    let geocoder = Geocoder::new(g);
    let geocoded = geocoder.geocode(&GeocodeRequest {
        text: &q,
        country: country.as_deref(),
        admin1: admin1.as_deref(),
    });
    match serde_json::to_vec(&answer(g, &q, &geocoded, limit)) {
        Ok(body) => Response::json(200, body),
        Err(e) => Response::error(500, &e.to_string()),
    }
}

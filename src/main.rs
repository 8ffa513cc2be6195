//! The `geomention` command: parses arguments, runs one subcommand, reports errors once.

use std::process::ExitCode;

use clap::Parser;

mod cli;

// The pipeline allocates many small, short-lived vectors and strings per document; mimalloc
// serves them from per-thread pages instead of glibc's shared arenas.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`geomention … | head`) is not an error worth a message. serde_json
            // and csv keep the io::Error inside rather than as a `source`, so ask them too.
            let broken = std::io::ErrorKind::BrokenPipe;
            if err.chain().any(|cause| {
                cause
                    .downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == broken)
                    || cause
                        .downcast_ref::<serde_json::Error>()
                        .is_some_and(|e| e.io_error_kind() == Some(broken))
                    || cause.downcast_ref::<csv::Error>().is_some_and(
                        |e| matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == broken),
                    )
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("geomention: error: {err:#}");
            cli::exit::Status::Error.into()
        }
    }
}

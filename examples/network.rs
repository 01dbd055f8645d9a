//! The partnership network on a day, as Graphviz DOT, GraphML and (when Graphviz
//! is installed) SVG, and Japan's agreements as an SVG timeline.
//!
//! ```sh
//! cargo run --example network                      # 23 June 2024, into the temp dir
//! cargo run --example network -- 2025-01-01 out/   # another day, another directory
//! ```

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chrono::NaiveDate;
use clap::Parser;

/// Writes the partnership network on a day, and Japan's timeline.
#[derive(Parser)]
struct Args {
    /// The day (YYYY-MM-DD).
    #[arg(default_value = "2024-06-23")]
    day: NaiveDate,
    /// Where to write the files [default: the system's temp directory].
    dir: Option<PathBuf>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let dir = args.dir.unwrap_or_else(std::env::temp_dir);
    std::fs::create_dir_all(&dir)?;
    let data = pactum::Dataset::open()?;

    let network = data.network(args.day)?;
    println!("On {}: {} actors, joined by {} agreement links.", args.day, network.nodes().len(), network.edges().len());
    let dot = write(&dir.join(format!("pactum-network-{}.dot", args.day)), &network.to_dot())?;
    write(&dir.join(format!("pactum-network-{}.graphml", args.day)), &network.to_graphml())?;
    render(&dot)?;

    write(&dir.join("pactum-timeline-jp.svg"), &data.timeline_svg("jp")?)?;
    Ok(())
}

fn write(path: &Path, text: &str) -> std::io::Result<PathBuf> {
    std::fs::write(path, text)?;
    println!("wrote {}", path.display());
    Ok(path.to_owned())
}

/// Lays the DOT file out as SVG with Graphviz, if it is installed.
fn render(dot: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let svg = dot.with_extension("svg");
    let output = match Command::new("dot").arg("-Tsvg").arg(dot).stderr(Stdio::inherit()).output() {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            println!("Graphviz's `dot` is not installed: skipped the SVG (install graphviz to get it).");
            return Ok(());
        }
        Err(e) => return Err(e.into()),
    };
    if !output.status.success() {
        return Err(format!("dot -Tsvg {} failed: {}", dot.display(), output.status).into());
    }
    std::fs::write(&svg, output.stdout)?;
    println!("wrote {} (Graphviz)", svg.display());
    Ok(())
}

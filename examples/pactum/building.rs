//! Your own data: checking directories, building them into a file, and what
//! changed between two datasets. Checking and building need the `build` feature.

use std::io::Write;
use std::path::{Path, PathBuf};

use pactum::Dataset;

use crate::failure::Failure;

/// `validate DIR…`: every problem, or what the directories hold.
#[cfg(feature = "build")]
pub fn validate(out: &mut dyn Write, dirs: &[PathBuf], no_bundled: bool, json: bool) -> Result<(), Failure> {
    let report = builder(dirs, no_bundled).check()?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "ok: {} files, {} facts; nothing written", report.files, report.facts)?;
    overrides(out, &report.overrides)
}

/// `build DIR… --out FILE`: the database, or every problem and no file.
#[cfg(feature = "build")]
pub fn build(out: &mut dyn Write, dirs: &[PathBuf], file: &Path, no_bundled: bool, json: bool) -> Result<(), Failure> {
    let report = builder(dirs, no_bundled).write(file)?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "wrote {}: {} files, {} facts", file.display(), report.files, report.facts)?;
    overrides(out, &report.overrides)?;
    writeln!(out, "query it with: cargo run --example pactum -- --db {} …", file.display())?;
    Ok(())
}

#[cfg(feature = "build")]
fn builder(dirs: &[PathBuf], no_bundled: bool) -> pactum::build::Builder {
    let base = if no_bundled { pactum::build::Builder::new().without_bundled() } else { pactum::build::Builder::new() };
    dirs.iter().fold(base, |b, dir| b.directory(dir))
}

/// Every value the directories replace, said so: an override is never silent.
#[cfg(feature = "build")]
fn overrides(out: &mut dyn Write, overrides: &[pactum::build::Override]) -> Result<(), Failure> {
    for o in overrides {
        writeln!(out, "override at {}: {} {}: {:?} → {:?} ({})", o.at, o.fact, o.field, o.was, o.value, o.reason)?;
    }
    Ok(())
}

#[cfg(not(feature = "build"))]
pub fn validate(_: &mut dyn Write, _: &[PathBuf], _: bool, _: bool) -> Result<(), Failure> {
    Err(needs_builder("validate"))
}

#[cfg(not(feature = "build"))]
pub fn build(_: &mut dyn Write, _: &[PathBuf], _: &Path, _: bool, _: bool) -> Result<(), Failure> {
    Err(needs_builder("build"))
}

#[cfg(not(feature = "build"))]
fn needs_builder(subcommand: &str) -> Failure {
    Failure::Message(format!(
        "`{subcommand}` needs the builder, which this explorer was compiled without; \
         run it as `cargo run --example pactum --features build -- {subcommand} …`"
    ))
}

/// `diff A B`: the rows added, removed and changed from A to B.
pub fn diff(out: &mut dyn Write, a: &str, b: &str, json: bool) -> Result<(), Failure> {
    let (before, after) = (open(a)?, open(b)?);
    let diff = before.diff(&after)?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &diff)?;
        writeln!(out)?;
        return Ok(());
    }
    if diff.is_empty() {
        writeln!(out, "no differences")?;
        return Ok(());
    }
    write!(out, "{diff}")?;
    writeln!(out, "as a data release from A to B: a {:?} version bump", diff.bump())?;
    Ok(())
}

/// A dataset named on the command line: a file, or `bundled`.
fn open(name: &str) -> Result<Dataset, Failure> {
    Ok(if name == "bundled" { Dataset::open()? } else { Dataset::open_file(name)? })
}

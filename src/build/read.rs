//! Reading data directories: the bundled text compiled into the crate, and users'
//! own directories from disk.

use std::path::{Path, PathBuf};

use super::input::DataFile;
use super::problem::Problem;
use super::text::TextFile;
use crate::Error;

/// Where the bundled layer's text comes from.
#[derive(Debug, Clone)]
pub(crate) enum Base {
    /// No bundled layer: users' directories only.
    None,
    /// The text compiled into the crate.
    Compiled,
    /// A checkout's `schema/data`, read from disk: for blessing the bundled image.
    Checkout(PathBuf),
}

/// Which layer of a build a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layer {
    /// pactum's own data.
    Bundled,
    /// The `n`th directory a user gave, from 0.
    User(usize),
}

/// Every file of a build, read and parsed, in the order rows are loaded: the bundled
/// files first, then each user directory's, each in file-name order.
pub(crate) struct Corpus {
    pub files: Vec<TextFile>,
    pub data: Vec<(Layer, DataFile)>,
}

impl Corpus {
    /// Reads the layers. A directory that cannot be read is an error at once; a file
    /// that does not parse is a problem, collected with the others.
    pub fn read(base: &Base, dirs: &[PathBuf], problems: &mut Vec<Problem>) -> Result<Corpus, Error> {
        let mut texts: Vec<(Layer, PathBuf, String)> = Vec::new();
        match base {
            Base::None => {}
            Base::Compiled => {
                for (name, text) in super::bundled::FILES {
                    texts.push((Layer::Bundled, Path::new("schema/data").join(name), (*text).to_owned()));
                }
            }
            Base::Checkout(dir) => {
                for path in toml_files(dir)? {
                    let text =
                        std::fs::read_to_string(&path).map_err(|source| Error::Open { path: path.clone(), source })?;
                    texts.push((Layer::Bundled, path, text));
                }
            }
        }
        for (n, dir) in dirs.iter().enumerate() {
            for path in toml_files(dir)? {
                let text =
                    std::fs::read_to_string(&path).map_err(|source| Error::Open { path: path.clone(), source })?;
                texts.push((Layer::User(n), path, text));
            }
        }
        let mut corpus = Corpus { files: Vec::new(), data: Vec::new() };
        for (layer, shown, text) in texts {
            let file = TextFile::new(shown, text);
            let data = match toml::from_str::<DataFile>(&file.text) {
                Ok(data) => data,
                Err(e) => {
                    let at = e.span().map_or(0, |s| s.start);
                    problems.push(file.problem(
                        at,
                        None,
                        None,
                        format!("{}; see schema/README.md for the format", e.message()),
                    ));
                    DataFile::default()
                }
            };
            corpus.files.push(file);
            corpus.data.push((layer, data));
        }
        Ok(corpus)
    }
}

/// The `.toml` files of a user's directory, in name order.
fn toml_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let meta = std::fs::metadata(dir).map_err(|source| Error::Open { path: dir.to_owned(), source })?;
    if !meta.is_dir() {
        let reason = "it is not a directory; give a directory of .toml data files";
        return Err(Error::InvalidPath { path: dir.to_owned(), reason });
    }
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Open { path: dir.to_owned(), source })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .collect();
    if files.is_empty() {
        let reason = "it holds no .toml data files; see schema/README.md for the format";
        return Err(Error::InvalidPath { path: dir.to_owned(), reason });
    }
    files.sort();
    Ok(files)
}

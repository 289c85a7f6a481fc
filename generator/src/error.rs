//! The one error type of the generator: every variant says where, and most say what to do.

use std::path::PathBuf;

/// Everything that can stop generation.
///
/// Messages are lowercase, name the file and the JSON pointer when there is
/// one, and put values in backticks, so a build script can print them as is.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A file or folder of the schema folder cannot be read as a schema, as
    /// a whole: too large, a symbolic link, not a file, no schemas at all.
    #[error("{}: {message}{}", path.display(), hint.as_deref().map(|h| format!(" (hint: {h})")).unwrap_or_default())]
    File {
        /// The file or folder.
        path: PathBuf,
        /// What is wrong.
        message: String,
        /// What to do about it.
        hint: Option<String>,
    },
    /// A schema file is not valid JSON.
    #[error("{}: invalid JSON at line {line}, column {column}: {message}", file.display())]
    Json {
        /// The schema file.
        file: PathBuf,
        /// One-based line of the error.
        line: usize,
        /// One-based column of the error.
        column: usize,
        /// What the JSON parser expected.
        message: String,
    },
    /// A schema file is valid JSON but not a schema the generator understands.
    #[error("{}#{pointer}: {message}{}", file.display(), hint.as_deref().map(|h| format!(" (hint: {h})")).unwrap_or_default())]
    Schema {
        /// The schema file.
        file: PathBuf,
        /// Where in the file, as a JSON pointer (empty for the whole document).
        pointer: String,
        /// What is wrong.
        message: String,
        /// What to do about it, when there is something to say.
        hint: Option<String>,
    },
    /// Several problems, each located: every error one run found, in the
    /// order of the files. A run that finds one problem returns it alone.
    #[error("{} problems:\n{}", errors.len(), list(errors))]
    Many {
        /// The problems, none of them itself `Many`.
        errors: Vec<Error>,
    },
    /// Writing the output failed. The folder changes as a whole, so
    /// `written` is empty and the folder is as it was, unless it could only
    /// be written file by file (its parent is read-only): then `written`
    /// lists the files replaced before the failure, each whole.
    #[error("{source}; {}", written_summary(dir, written))]
    Write {
        /// The output folder.
        dir: PathBuf,
        /// The files replaced (or removed) before the failure.
        written: Vec<String>,
        /// What failed.
        source: Box<Error>,
    },
    /// `out_dir` was not set and the `OUT_DIR` environment variable is absent.
    #[error("no output folder: `OUT_DIR` is not set (hint: call `Config::out_dir`, or run from a build script, where Cargo sets `OUT_DIR`)")]
    OutDirNotSet,
    /// The generator produced Rust it cannot parse: a bug in the generator.
    #[error("generator bug: {message} (please report it with the schema that caused it)")]
    Internal {
        /// What went wrong.
        message: String,
    },
}

impl Error {
    /// Every problem this error stands for: itself, or each of [`Error::Many`].
    pub fn problems(&self) -> &[Error] {
        match self {
            Error::Many { errors } => errors,
            single => std::slice::from_ref(single),
        }
    }

    /// One error for all of `errors` (at least one): the error itself when
    /// there is one, else [`Error::Many`], flattened.
    pub(crate) fn all(errors: Vec<Error>) -> Self {
        let mut flat: Vec<Error> = Vec::with_capacity(errors.len());
        for error in errors {
            match error {
                Error::Many { errors } => flat.extend(errors),
                single => flat.push(single),
            }
        }
        if flat.len() == 1 {
            if let Some(single) = flat.pop() {
                return single;
            }
        }
        Error::Many { errors: flat }
    }

    /// `Ok` when `errors` is empty, else all of them as one error.
    pub(crate) fn check(errors: Vec<Error>) -> Result<()> {
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::all(errors))
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn schema(
        file: impl Into<PathBuf>,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Error::Schema {
            file: file.into(),
            pointer: pointer.into(),
            message: message.into(),
            hint: None,
        }
    }

    pub(crate) fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::File {
            path: path.into(),
            message: message.into(),
            hint: None,
        }
    }

    pub(crate) fn with_hint(mut self, text: impl Into<String>) -> Self {
        if let Error::Schema { hint, .. } | Error::File { hint, .. } = &mut self {
            *hint = Some(text.into());
        }
        self
    }
}

fn written_summary(dir: &std::path::Path, written: &[String]) -> String {
    if written.is_empty() {
        format!("nothing was written: `{}` is as it was", dir.display())
    } else {
        format!(
            "in `{}`, {} file(s) were replaced before that, each whole ({}); the others are as they were",
            dir.display(),
            written.len(),
            written.join(", ")
        )
    }
}

/// One problem per line, indented, for [`Error::Many`]'s message.
fn list(errors: &[Error]) -> String {
    errors
        .iter()
        .map(|error| format!("  {error}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The generator's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

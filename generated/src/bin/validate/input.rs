//! The documents of one input: the whole file, or one per line.

use std::io::{self, BufRead, Read};

/// How an input holds its documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framing {
    /// One document per line when the first line is a whole JSON document
    /// and more follows; otherwise the whole input is one document.
    Detect,
    /// One document per line (blank lines are skipped).
    Lines,
}

/// One document to check.
pub struct Document {
    /// Its line, when the input holds one document per line.
    pub line: Option<usize>,
    pub body: Body,
}

/// What was read of a document.
pub enum Body {
    Bytes(Vec<u8>),
    /// Larger than the limit: not kept, and not checked.
    TooLarge,
}

/// Reads documents from `reader`, at most `limit` bytes each, handing them
/// on in batches of about `batch_bytes` (so that a large input is checked
/// while it is read, in bounded memory) with the bytes they took.
pub struct Documents<R> {
    reader: R,
    limit: usize,
    /// Lines read so far.
    line: usize,
    /// Decided on the first line: one document per line.
    lines: Option<bool>,
    done: bool,
}

impl<R: BufRead> Documents<R> {
    pub fn new(reader: R, framing: Framing, limit: usize) -> Self {
        Documents {
            reader,
            limit,
            line: 0,
            lines: (framing == Framing::Lines).then_some(true),
            done: false,
        }
    }

    /// The next batch, and how many bytes of the input it took; an empty
    /// batch at the end.
    pub fn batch(&mut self, batch_bytes: usize) -> io::Result<(Vec<Document>, u64)> {
        let mut batch = Vec::new();
        let mut taken = 0u64;
        while !self.done && taken < batch_bytes as u64 {
            let (line, read) = self.next_line()?;
            taken += read;
            let Some(line) = line else {
                self.done = true;
                break;
            };
            match self.lines {
                Some(true) => {
                    if let Some(document) = self.line_document(line) {
                        batch.push(document);
                    }
                }
                // Undecided (a whole input is read at once, so never `Some(false)`).
                _ => {
                    let (document, read) = self.first(line)?;
                    taken += read;
                    batch.extend(document);
                }
            }
        }
        Ok((batch, taken))
    }

    /// Decides the framing on the first non-blank line.
    fn first(&mut self, line: Line) -> io::Result<(Option<Document>, u64)> {
        let Line::Text(first) = line else {
            // A first line past the limit: the input is one large document.
            self.lines = Some(false);
            self.done = true;
            let skipped = skip_to_end(&mut self.reader)?;
            let document = Document {
                line: None,
                body: Body::TooLarge,
            };
            return Ok((Some(document), skipped));
        };
        if is_blank(&first) {
            // Not decided yet: wait for a line with content.
            return Ok((None, 0));
        }
        let whole = serde_json::from_slice::<serde::de::IgnoredAny>(&first).is_ok();
        if whole {
            // One document per line, unless nothing but blanks follows.
            let line = self.line;
            let (more, skipped) = self.skip_blanks()?;
            self.lines = Some(more);
            self.done = !more;
            let document = Document {
                line: more.then_some(line),
                body: Body::Bytes(first),
            };
            return Ok((Some(document), skipped));
        }
        // One document over several lines (or not JSON at all): all of it.
        self.lines = Some(false);
        self.done = true;
        let mut whole = first;
        let read = self.read_rest(&mut whole)?;
        let body = if whole.len() > self.limit {
            Body::TooLarge
        } else {
            Body::Bytes(whole)
        };
        Ok((Some(Document { line: None, body }), read))
    }

    fn line_document(&self, line: Line) -> Option<Document> {
        let body = match line {
            Line::Text(text) if is_blank(&text) => return None,
            Line::Text(text) => Body::Bytes(text),
            Line::TooLong => Body::TooLarge,
        };
        Some(Document {
            line: Some(self.line),
            body,
        })
    }

    /// The next line without its line end, `None` at the end of the input.
    fn next_line(&mut self) -> io::Result<(Option<Line>, u64)> {
        let mut text = Vec::new();
        let read = (&mut self.reader)
            .take(self.limit as u64 + 2)
            .read_until(b'\n', &mut text)?;
        if read == 0 {
            return Ok((None, 0));
        }
        self.line += 1;
        if text.last() != Some(&b'\n') && text.len() > self.limit {
            // Past the limit: skip the rest of the line unread.
            let skipped = skip_line(&mut self.reader)?;
            return Ok((Some(Line::TooLong), read as u64 + skipped));
        }
        if text.last() == Some(&b'\n') {
            text.pop();
            if text.last() == Some(&b'\r') {
                text.pop();
            }
        }
        Ok((Some(Line::Text(text)), read as u64))
    }

    /// Skips whitespace, counting the blank lines; whether anything else follows.
    fn skip_blanks(&mut self) -> io::Result<(bool, u64)> {
        let mut skipped = 0u64;
        loop {
            let buffer = self.reader.fill_buf()?;
            if buffer.is_empty() {
                return Ok((false, skipped));
            }
            let blank = buffer
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            self.line += buffer[..blank].iter().filter(|&&b| b == b'\n').count();
            let more = blank < buffer.len();
            self.reader.consume(blank);
            skipped += blank as u64;
            if more {
                return Ok((true, skipped));
            }
        }
    }

    /// Reads the rest of the input into `into`, at most `limit` bytes more
    /// than it holds; the rest is skipped.
    fn read_rest(&mut self, into: &mut Vec<u8>) -> io::Result<u64> {
        let room = (self.limit + 1).saturating_sub(into.len()) as u64;
        let read = (&mut self.reader).take(room).read_to_end(into)? as u64;
        Ok(read + skip_to_end(&mut self.reader)?)
    }
}

enum Line {
    Text(Vec<u8>),
    TooLong,
}

fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace)
}

fn skip_line(reader: &mut impl BufRead) -> io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(skipped);
        }
        match buffer.iter().position(|&b| b == b'\n') {
            Some(end) => {
                reader.consume(end + 1);
                return Ok(skipped + end as u64 + 1);
            }
            None => {
                let length = buffer.len();
                reader.consume(length);
                skipped += length as u64;
            }
        }
    }
}

fn skip_to_end(reader: &mut impl BufRead) -> io::Result<u64> {
    io::copy(reader, &mut io::sink())
}

//! The formatter's view of a file: the tree of keys, items and scalars as written (styles
//! kept, so a plain scalar is written back as it was), and every comment attached to the key
//! or item it belongs to.
//!
//! The structure comes from granit-parser's events (serde-saphyr's parser, already a
//! dependency). Comments are not events in the build samictl uses, so they are found in the
//! source between the scalars: outside a scalar, a `#` can only start a comment (anchors,
//! aliases and tags, whose names may hold one, are refused before). One pass over the events,
//! one over the bytes: linear in the file.

use super::FormatError;
use crate::line_index::LineIndex;
use crate::yaml::Pos;
use granit_parser::{Event, ScalarStyle, Span};
use std::borrow::Cow;

/// A file as the formatter reads it.
#[derive(Debug, Default)]
pub(super) struct Tree<'a> {
    pub(crate) root: Option<Node<'a>>,
    /// The comments of each key and item, indexed by their `note`; 0 is the document's.
    pub(crate) notes: Vec<Notes<'a>>,
    /// Comments at the top of the file set apart from the first key by a blank line.
    pub(crate) header: Vec<&'a str>,
    /// Own-line comments after the last node.
    pub(crate) footer: Vec<&'a str>,
    /// A key that is not a short one-line plain scalar (quoted, multi-line, very long): the
    /// written file is read again to be sure it reads (an implicit key has length limits).
    pub(crate) odd_keys: bool,
}

#[derive(Debug)]
pub(super) enum Node<'a> {
    Scalar(Scalar<'a>),
    Seq(Vec<Item<'a>>),
    Map(Vec<Entry<'a>>),
}

/// How a scalar was written: it decides how it may be written back (see `emit`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Style {
    Plain,
    Quoted,
    Block,
}

#[derive(Debug)]
pub(super) struct Scalar<'a> {
    /// The value, as the parser reads it (escapes resolved, lines folded).
    pub(crate) text: Cow<'a, str>,
    pub(crate) style: Style,
}

#[derive(Debug)]
pub(super) struct Entry<'a> {
    pub(crate) key: Scalar<'a>,
    pub(crate) value: Node<'a>,
    pub(crate) note: usize,
}

#[derive(Debug)]
pub(super) struct Item<'a> {
    pub(crate) value: Node<'a>,
    pub(crate) note: usize,
}

/// The comments attached to one key or item: own-line ones before it, and the one at the end
/// of its line.
#[derive(Debug, Default)]
pub(super) struct Notes<'a> {
    pub(crate) before: Vec<&'a str>,
    pub(crate) trailing: Option<&'a str>,
}

/// A comment found in the source: its text (from `#`, trailing blanks removed), where it
/// starts, its line, and whether something stands before it on its line.
#[derive(Clone, Copy, Debug)]
struct Comment<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    trailing: bool,
}

/// A collection being read: its children so far and the note of the key or item it is the
/// value of.
enum Open<'a> {
    Seq {
        items: Vec<Item<'a>>,
        note: usize,
    },
    Map {
        entries: Vec<Entry<'a>>,
        key: Option<(Scalar<'a>, usize)>,
        note: usize,
    },
}

/// The last node event read: whose it is and the lines it covers, for trailing comments.
#[derive(Clone, Copy)]
struct Last {
    note: usize,
    first_line: usize,
    last_line: usize,
}

/// Where an event stands: byte offsets (end exclusive) and 1-based lines and column.
#[derive(Clone, Copy, Debug)]
pub(super) struct Mark {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) line: usize,
    pub(crate) end_line: usize,
    pub(crate) column: usize,
}

impl Mark {
    fn of(span: &Span) -> Mark {
        Mark {
            start: byte(&span.start),
            end: byte(&span.end),
            line: span.start.line(),
            end_line: span.end.line(),
            column: span.start.col() + 1,
        }
    }
}

/// The events the tree is built from: granit-parser's, or the hand scanner's tree walked.
pub(super) enum Ev<'a> {
    Scalar(Cow<'a, str>, Style),
    Start { map: bool },
    End,
}

/// Reads `source` (already known to be valid YAML: `yaml::read` accepted it) into a [`Tree`].
pub(super) fn read(source: &str) -> Result<Tree<'_>, FormatError> {
    let mut options = granit_parser::Options::default();
    options.simple_key_max_lookahead = 1024;
    options.flow_nesting_limit = 255;
    options.block_nesting_limit = options.block_nesting_limit.max(crate::yaml::MAX_DEPTH + 1);
    options.emit_comments = false;
    options.strict_indentation = false;
    options.bom_inside_document_as_content = false;
    let parser = granit_parser::Parser::new_from_str_with_options(source, options);

    // Node events first (the scalars' byte ranges tell where comments can't be), then comments.
    let mut events: Vec<(Ev<'_>, Mark)> = Vec::new();
    let mut scalar_ranges: Vec<(usize, usize)> = Vec::new();
    for item in parser {
        let (event, span) = item.map_err(|e| FormatError::Unsupported {
            pos: Pos::START,
            what: format!("the file can't be read as YAML ({e})"),
        })?;
        let mark = Mark::of(&span);
        let ev = match event {
            Event::Alias(_) => return Err(unsupported(&mark, "an alias (`*name`)")),
            Event::Scalar(_, _, anchor, _)
            | Event::MappingStart(_, anchor, _)
            | Event::SequenceStart(_, anchor, _)
                if anchor != 0 =>
            {
                return Err(unsupported(&mark, "an anchor (`&name`)"));
            }
            Event::Scalar(_, _, _, Some(_))
            | Event::MappingStart(_, _, Some(_))
            | Event::SequenceStart(_, _, Some(_)) => {
                return Err(unsupported(&mark, "a tag (`!!type`)"));
            }
            Event::Scalar(text, style, ..) => {
                scalar_ranges.push((mark.start, mark.end));
                Ev::Scalar(
                    text,
                    match style {
                        ScalarStyle::Plain => Style::Plain,
                        ScalarStyle::Literal | ScalarStyle::Folded => Style::Block,
                        _ => Style::Quoted,
                    },
                )
            }
            Event::MappingStart(..) => Ev::Start { map: true },
            Event::SequenceStart(..) => Ev::Start { map: false },
            Event::MappingEnd | Event::SequenceEnd => Ev::End,
            _ => continue,
        };
        events.push((ev, mark));
    }
    let comments = comments(source, &scalar_ranges);
    Builder::new(comments).build(events)
}

fn byte(marker: &granit_parser::Marker) -> usize {
    marker.byte_offset().unwrap_or(0)
}

fn unsupported(mark: &Mark, what: &str) -> FormatError {
    FormatError::Unsupported {
        pos: Pos {
            line: u32::try_from(mark.line).unwrap_or(u32::MAX),
            column: u32::try_from(mark.column).unwrap_or(u32::MAX),
            len: 0,
        },
        what: format!(
            "{what}: samictl fmt does not rewrite anchors, aliases or tags (write the values out)"
        ),
    }
}

/// Every comment of `source`: a `#` outside the scalars' ranges, at the start of a line or
/// after a blank, up to the end of its line.
fn comments<'a>(source: &'a str, scalars: &[(usize, usize)]) -> Vec<Comment<'a>> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut line = 1;
    let mut line_start = 0;
    let mut next_scalar = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(&(start, end)) = scalars.get(next_scalar)
            && i >= start
        {
            // Inside a scalar: count its lines and go past it.
            let end = end.max(i);
            for (j, &b) in bytes.iter().enumerate().take(end).skip(i) {
                if b == b'\n' {
                    line += 1;
                    line_start = j + 1;
                }
            }
            i = end;
            next_scalar += 1;
            continue;
        }
        match bytes[i] {
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            b'#' if i == line_start || matches!(bytes[i - 1], b' ' | b'\t' | b'\r') => {
                let end = source[i..].find('\n').map_or(source.len(), |n| i + n);
                let trailing = bytes[line_start..i]
                    .iter()
                    .any(|b| !matches!(b, b' ' | b'\t'));
                out.push(Comment {
                    text: source[i..end].trim_end(),
                    offset: i,
                    line,
                    trailing,
                });
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

struct Builder<'a> {
    comments: std::iter::Peekable<std::vec::IntoIter<Comment<'a>>>,
    pending: Vec<Comment<'a>>,
    tree: Tree<'a>,
    stack: Vec<Open<'a>>,
    last: Option<Last>,
    seen_node: bool,
}

impl<'a> Builder<'a> {
    fn new(comments: Vec<Comment<'a>>) -> Self {
        Builder {
            comments: comments.into_iter().peekable(),
            pending: Vec::new(),
            tree: Tree {
                notes: vec![Notes::default()],
                ..Tree::default()
            },
            stack: Vec::new(),
            last: None,
            seen_node: false,
        }
    }

    fn build(mut self, events: Vec<(Ev<'a>, Mark)>) -> Result<Tree<'a>, FormatError> {
        for (event, span) in events {
            let span = &span;
            match event {
                Ev::Scalar(text, style) => {
                    let (note, is_key) = self.owner(span, true)?;
                    let block = style == Style::Block;
                    if block {
                        // A block scalar's span starts at its content: a comment after its
                        // header (`key: | # note`) ends the header's line, its key's or dash's.
                        self.flush_to(span.start, Some(note));
                    }
                    self.before_node(span, note, true);
                    if block {
                        // Nothing can follow its content on a line of its own.
                        self.last = None;
                    }
                    let scalar = Scalar { text, style };
                    if is_key {
                        self.tree.odd_keys |= scalar.style != Style::Plain
                            || scalar.text.len() > 512
                            || scalar.text.contains('\n');
                        if let Some(Open::Map { key, .. }) = self.stack.last_mut() {
                            *key = Some((scalar, note));
                        }
                    } else {
                        self.place(Node::Scalar(scalar), note);
                    }
                }
                Ev::Start { map } => {
                    let (note, is_key) = self.owner(span, false)?;
                    if is_key {
                        return Err(unsupported(span, "a key that is a mapping or a list"));
                    }
                    // A new list item takes the comments above it; a collection that is a
                    // key's value leaves them to its first key or item.
                    let is_item = matches!(self.stack.last(), Some(Open::Seq { .. }));
                    self.before_node(span, note, is_item);
                    self.stack.push(if map {
                        Open::Map {
                            entries: Vec::new(),
                            key: None,
                            note,
                        }
                    } else {
                        Open::Seq {
                            items: Vec::new(),
                            note,
                        }
                    });
                }
                Ev::End => {
                    let (node, note) = match self.stack.pop() {
                        Some(Open::Map { entries, note, .. }) => (Node::Map(entries), note),
                        Some(Open::Seq { items, note }) => (Node::Seq(items), note),
                        None => continue,
                    };
                    self.closing(span, note);
                    self.place(node, note);
                }
            }
        }
        // What is left: trailing comments of the last line, then the footer.
        self.flush(usize::MAX);
        self.tree
            .footer
            .extend(self.pending.drain(..).map(|c| c.text));
        Ok(self.tree)
    }

    /// The note the node starting at `span` belongs to, and whether it is a mapping's key.
    fn owner(&mut self, span: &Mark, scalar: bool) -> Result<(usize, bool), FormatError> {
        Ok(match self.stack.last() {
            None => (0, false),
            Some(Open::Map {
                key: Some((_, note)),
                ..
            }) => (*note, false),
            Some(Open::Map { key: None, .. }) => {
                if !scalar {
                    return Err(unsupported(span, "a key that is a mapping or a list"));
                }
                (self.new_note(), true)
            }
            Some(Open::Seq { .. }) => (self.new_note(), false),
        })
    }

    fn new_note(&mut self) -> usize {
        self.tree.notes.push(Notes::default());
        self.tree.notes.len() - 1
    }

    /// Before a node event: the comments above it are sorted out, and the pending ones go to
    /// `note` when `takes` (a key, an item, a scalar value).
    fn before_node(&mut self, span: &Mark, note: usize, takes: bool) {
        self.flush(span.start);
        if !self.seen_node {
            self.seen_node = true;
            self.split_header(span.line);
        }
        if takes && !self.pending.is_empty() {
            let before = &mut self.tree.notes[note].before;
            before.extend(self.pending.drain(..).map(|c| c.text));
        }
        // A block collection's start is an empty span at its first key or dash: no content
        // of its own a comment could end the line of.
        if takes || span.end > span.start {
            self.last = Some(Last {
                note,
                first_line: span.line,
                last_line: span.end_line,
            });
        }
    }

    /// The end of a flow collection (`]`, `}`) is content a trailing comment can follow.
    fn closing(&mut self, span: &Mark, note: usize) {
        if span.end > span.start {
            self.flush(span.start);
            self.last = Some(Last {
                note,
                first_line: span.end_line,
                last_line: span.end_line,
            });
        }
    }

    /// Sorts out the comments that start before `offset`: a comment after content on the line
    /// of the last node goes to that node's line; any other waits for the next key or item.
    fn flush(&mut self, offset: usize) {
        self.flush_to(offset, None);
    }

    /// [`Self::flush`], with `header`, the note of a block scalar starting at `offset`, which
    /// takes the trailing comments the last node's line does not.
    fn flush_to(&mut self, offset: usize, header: Option<usize>) {
        while let Some(c) = self.comments.next_if(|c| c.offset < offset) {
            let to = match self.last {
                Some(last)
                    if c.trailing && (c.line == last.first_line || c.line == last.last_line) =>
                {
                    Some(last.note)
                }
                _ if c.trailing => header,
                _ => None,
            };
            match to {
                Some(note) => {
                    let notes = &mut self.tree.notes[note];
                    if notes.trailing.is_none() {
                        notes.trailing = Some(c.text);
                    } else {
                        // Two comments on one line of output can't be: the later one goes above.
                        notes.before.push(c.text);
                    }
                }
                None => self.pending.push(c),
            }
        }
    }

    /// Comments above the first node: those set apart from it by a line that holds no comment
    /// (a blank line, or a document marker) are the file's header and stay at the top.
    fn split_header(&mut self, first_line: usize) {
        let mut next_line = first_line;
        let mut split = 0;
        for (i, c) in self.pending.iter().enumerate().rev() {
            if next_line > c.line + 1 {
                split = i + 1;
                break;
            }
            next_line = c.line;
        }
        self.tree
            .header
            .extend(self.pending.drain(..split).map(|c| c.text));
    }

    /// Puts a finished node where it belongs: a list's item, a mapping key's value, the root.
    fn place(&mut self, node: Node<'a>, note: usize) {
        match self.stack.last_mut() {
            None => self.tree.root = Some(node),
            Some(Open::Seq { items, .. }) => items.push(Item { value: node, note }),
            Some(Open::Map { entries, key, .. }) => {
                if let Some((key, note)) = key.take() {
                    entries.push(Entry {
                        key,
                        value: node,
                        note,
                    });
                }
            }
        }
    }
}

/// The fast path: `source` read by the hand-written scanner of `yaml::scan` (the subset nearly
/// every bot file is written in: ASCII, block collections, one-line scalars without escapes,
/// one-line flow lists), whose tree is walked into the same events; `None` for anything else.
/// The scanner accepts only what serde-saphyr reads the same, so its answer also says the file
/// is valid YAML.
pub(super) fn read_scanned(source: &str) -> Option<Tree<'_>> {
    let root = crate::yaml::parse_scanned(source)?;
    let mut walk = Walk {
        source,
        index: LineIndex::new(source),
        events: Vec::new(),
        scalar_ranges: Vec::new(),
    };
    walk.node(&root)?;
    let comments = comments(source, &walk.scalar_ranges);
    Builder::new(comments).build(walk.events).ok()
}

struct Walk<'a> {
    source: &'a str,
    index: LineIndex,
    events: Vec<(Ev<'a>, Mark)>,
    scalar_ranges: Vec<(usize, usize)>,
}

impl<'a> Walk<'a> {
    /// The byte range of a node's position (ASCII: lengths are bytes).
    fn mark(&self, pos: crate::yaml::Pos) -> Option<Mark> {
        let line = usize::try_from(pos.line).ok()?;
        let start = self.index.offset_at(pos.line, pos.column)?;
        let end = start + usize::try_from(pos.len).ok()?;
        (end <= self.source.len()).then_some(Mark {
            start,
            end,
            line,
            end_line: line,
            column: usize::try_from(pos.column).ok()?,
        })
    }

    fn node(&mut self, node: &crate::yaml::Node<'a>) -> Option<()> {
        use crate::yaml::Value;
        let mark = self.mark(node.pos)?;
        match &node.value {
            Value::Map(entries) => {
                // The scanner reads no flow mapping: a block one, its span empty at its first key.
                let at = Mark {
                    end: mark.start,
                    ..mark
                };
                self.events.push((Ev::Start { map: true }, at));
                for (k, v) in entries {
                    self.node(k)?;
                    self.node(v)?;
                }
                self.events.push((Ev::End, at));
            }
            Value::Seq(items) => {
                let flow = self.source.as_bytes().get(mark.start) == Some(&b'[');
                let at = Mark {
                    end: if flow { mark.start + 1 } else { mark.start },
                    ..mark
                };
                self.events.push((Ev::Start { map: false }, at));
                let mut after = at.end;
                for item in items {
                    self.node(item)?;
                    after = self.scalar_ranges.last().map_or(after, |r| r.1.max(after));
                }
                let close = if flow {
                    // A one-line flow list: its `]` is the first after its last item.
                    let i = after + self.source.get(after..)?.find(']')?;
                    Mark {
                        start: i,
                        end: i + 1,
                        column: 0,
                        ..at
                    }
                } else {
                    Mark {
                        end: at.start,
                        ..at
                    }
                };
                self.events.push((Ev::End, close));
            }
            value => {
                let raw = self.source.get(mark.start..mark.end)?;
                let style = match raw.as_bytes().first() {
                    Some(b'"' | b'\'') => Style::Quoted,
                    _ => Style::Plain,
                };
                let text = match (value, style) {
                    (Value::Str(s), Style::Quoted) => s.clone(),
                    _ => Cow::Borrowed(raw),
                };
                self.scalar_ranges.push((mark.start, mark.end));
                self.events.push((Ev::Scalar(text, style), mark));
            }
        }
        Some(())
    }
}

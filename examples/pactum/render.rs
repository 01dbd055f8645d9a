//! Output: the typed answer as JSON, or flat rows as tables (for people) or CSV
//! (for other programs), and the cells those rows are made of.

use std::io::{self, Write};

use comfy_table::{ColumnConstraint, ContentArrangement, Table, presets};
use pactum::PartialDate;
use serde::Serialize;

use crate::failure::Failure;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
}

pub struct Printer<'a> {
    pub format: Format,
    pub out: &'a mut dyn Write,
}

impl Printer<'_> {
    /// Prints `typed` for --json, otherwise the rows of `report`.
    pub fn emit<T: Serialize + ?Sized>(&mut self, typed: &T, report: Report) -> Result<(), Failure> {
        match self.format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut *self.out, typed)?;
                writeln!(self.out)?;
            }
            Format::Csv => report.write_csv(&mut *self.out)?,
            Format::Table => report.write_tables(&mut *self.out)?,
        }
        Ok(())
    }
}

/// One part of an answer as flat text rows: a list, or a single record.
pub struct Section {
    /// A snake_case name: the CSV `section` value, and (humanised) the table title.
    key: &'static str,
    headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    /// How people see it.
    layout: Layout,
}

/// How a section is printed for people (CSV is always rows and columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// A table with a header row.
    Grid,
    /// A single row, as "field  value" lines.
    Record,
    /// Rows with long texts, each as "field  value" lines: too wide for a grid.
    Cards,
}

impl Section {
    pub fn new(key: &'static str, headers: &[&'static str]) -> Self {
        Section { key, headers: headers.to_vec(), rows: Vec::new(), layout: Layout::Grid }
    }

    pub fn cards(mut self) -> Self {
        self.layout = Layout::Cards;
        self
    }

    pub fn record<const N: usize>(key: &'static str, fields: [(&'static str, String); N]) -> Self {
        let (headers, row) = fields.into_iter().unzip();
        Section { key, headers, rows: vec![row], layout: Layout::Record }
    }

    pub fn row(&mut self, cells: impl IntoIterator<Item = String>) {
        self.rows.push(cells.into_iter().collect());
    }

    /// Ids broken across lines cannot be copied: keeps id columns whole, narrowest
    /// first, as long as the other columns keep room to wrap their prose.
    fn keep_ids_whole(&self, table: &mut Table) {
        let Some(width) = table.width().map(usize::from) else { return };
        let content = |i: usize| {
            let cells = self.rows.iter().map(|row| row[i].chars().count());
            cells.chain([self.headers[i].len()]).max().unwrap_or(0)
        };
        let mut ids: Vec<(usize, usize)> =
            (0..self.headers.len()).filter(|&i| UNBROKEN.contains(&self.headers[i])).map(|i| (content(i), i)).collect();
        ids.sort_unstable();
        // Each column costs three characters of border and padding.
        let mut used = 1 + 3 * self.headers.len() + MIN_PROSE * (self.headers.len() - ids.len());
        for (content, i) in ids {
            used += content;
            if used > width {
                break;
            }
            if let Some(column) = table.column_mut(i) {
                column.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
    }

    /// One row as borderless "field  value" lines, empty fields left out.
    fn write_card(&self, out: &mut dyn Write, row: &[String]) -> io::Result<()> {
        let mut table = grid(presets::NOTHING);
        for (field, value) in self.headers.iter().zip(row) {
            if !value.is_empty() {
                table.add_row([field, value.as_str()]);
            }
        }
        // The borderless layout pads every line to the widest value.
        for line in table.to_string().lines() {
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }

    fn title(&self) -> String {
        let text = self.key.replace('_', " ");
        let mut chars = text.chars();
        chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
    }
}

/// A whole answer: a heading and its sections.
pub struct Report {
    heading: String,
    sections: Vec<Section>,
}

impl Report {
    pub fn new(heading: String) -> Self {
        Report { heading, sections: Vec::new() }
    }

    pub fn with(mut self, section: Section) -> Self {
        self.sections.push(section);
        self
    }

    fn write_tables(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", self.heading)?;
        // A lone list needs no title of its own: the heading says what it is.
        let titled = self.sections.len() > 1;
        for section in &self.sections {
            if section.layout == Layout::Record {
                writeln!(out)?;
                section.write_card(out, &section.rows[0])?;
                continue;
            }
            if titled {
                writeln!(out, "\n{} ({})", section.title(), section.rows.len())?;
            }
            if section.rows.is_empty() {
                writeln!(out, "  (none)")?;
                continue;
            }
            if section.layout == Layout::Cards {
                for row in &section.rows {
                    writeln!(out)?;
                    section.write_card(out, row)?;
                }
                continue;
            }
            let mut table = grid(presets::UTF8_FULL_CONDENSED);
            table.set_header(&section.headers).add_rows(&section.rows);
            section.keep_ids_whole(&mut table);
            writeln!(out, "{}{table}", if titled { "" } else { "\n" })?;
        }
        Ok(())
    }

    /// One section as plain CSV; several stacked under the union of their columns,
    /// with a first column naming the section of each row.
    fn write_csv(&self, out: &mut dyn Write) -> csv::Result<()> {
        let mut csv = csv::Writer::from_writer(out);
        if let [only] = self.sections.as_slice() {
            csv.write_record(&only.headers)?;
            for row in &only.rows {
                csv.write_record(row)?;
            }
            return csv.flush().map_err(csv::Error::from);
        }
        let mut columns: Vec<&str> = Vec::new();
        for header in self.sections.iter().flat_map(|s| &s.headers) {
            if !columns.contains(header) {
                columns.push(header);
            }
        }
        csv.write_record(std::iter::once("section").chain(columns.iter().copied()))?;
        for section in &self.sections {
            for row in &section.rows {
                let cell =
                    |column: &&str| section.headers.iter().position(|h| h == column).map_or("", |i| row[i].as_str());
                csv.write_record(std::iter::once(section.key).chain(columns.iter().map(cell)))?;
            }
        }
        csv.flush().map_err(csv::Error::from)
    }
}

/// Columns of ids, dates and codes, which tables never wrap.
const UNBROKEN: &[&str] = &["id", "actor", "agreement", "event", "date", "what", "fact", "source", "area", "system"];

/// The narrowest a wrapped prose column should get.
const MIN_PROSE: usize = 16;

/// The width tables wrap to when the output is not a terminal (a pipe, a file).
const PIPE_WIDTH: u16 = 120;

fn grid(preset: &str) -> Table {
    let mut table = Table::new();
    table.load_preset(preset).set_content_arrangement(ContentArrangement::Dynamic);
    if table.width().is_none() {
        table.set_width(PIPE_WIDTH);
    }
    table
}

// Cells.

/// "1 agreement", "2 agreements", "3 entries".
pub fn count(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        (_, None) => format!("{n} {noun}s"),
    }
}

pub fn opt(text: &Option<String>) -> String {
    text.clone().unwrap_or_default()
}

pub fn date(date: Option<PartialDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

//! CSV and JSON exports, the database as a file, and citations.

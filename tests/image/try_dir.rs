#[test]
#[ignore]
fn build_from_env_dir() {
    let dir = std::env::var("PACTUM_SCHEMA_DIR").unwrap();
    let image = super::generate::build(std::path::Path::new(&dir)).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write("/tmp/try.sqlite3", image).unwrap();
}

//! TEMPORARY STUB (replaced by the redb store at merge).
#![allow(missing_docs, dead_code)]
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub bytes: Vec<u8>,
    pub stored_at: jiff::Timestamp,
}
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the cache is in use by another imbox")]
    InUse,
    #[error("{0}")]
    Io(String),
}
pub struct Store {
    map: BTreeMap<String, Entry>,
}
pub const SCHEMA_VERSION: u32 = 1;
impl Store {
    pub fn open(_path: &Path, _identity: &str, _cap: u64) -> Result<Store, StoreError> {
        Ok(Store { map: BTreeMap::new() })
    }
    pub fn get(&self, key: &str) -> Option<Entry> {
        self.map.get(key).cloned()
    }
    pub fn scan(&self, prefix: &str) -> Vec<(String, Entry)> {
        self.map
            .range(prefix.to_string()..)
            .take_while(|(k, _)| k.starts_with(prefix))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }
    pub fn put_many(
        &mut self,
        items: Vec<(String, Vec<u8>)>,
        now: jiff::Timestamp,
    ) -> Result<(), StoreError> {
        for (k, b) in items {
            self.map.insert(k, Entry { bytes: b, stored_at: now });
        }
        Ok(())
    }
    pub fn remove_prefix(&mut self, _p: &str) -> Result<(), StoreError> {
        Ok(())
    }
    pub fn size_on_disk(&self) -> u64 {
        0
    }
}
pub fn clear(_dir: &Path, _file: Option<&str>) -> Result<Vec<PathBuf>, StoreError> {
    Ok(Vec::new())
}

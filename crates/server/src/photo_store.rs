//! Where photo files live: an `object_store` (a local folder by default; S3-compatible
//! storage when the server is built with the `s3` feature and configured for it).
//!
//! A photo's sizes are written before its database row commits, so a row never points
//! at a missing file. The other way round (files without a row, after a crash or a
//! failed commit) is cleaned by [`PhotoStore::sweep_orphans`]. A local write lands in a
//! temporary file that is renamed into place, so no half-written image is ever served.

use std::sync::Arc;

use bytes::Bytes;
use chrono::{DateTime, Utc};
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};

use crate::db::Pool;

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
#[error("photo storage: {0}")]
pub struct StoreError(#[from] pub object_store::Error);

/// The photo files.
#[derive(Clone, Debug)]
pub struct PhotoStore {
    inner: Arc<dyn ObjectStore>,
    /// The folder of a local store: it must still be there to answer.
    local_root: Option<std::path::PathBuf>,
}

impl PhotoStore {
    /// A local folder (created when missing).
    pub fn local(root: &std::path::Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(root).map_err(|e| {
            StoreError(object_store::Error::Generic {
                store: "local",
                source: Box::new(e),
            })
        })?;
        // Removing a photo's last file removes its folder too.
        let store = object_store::local::LocalFileSystem::new_with_prefix(root)?
            .with_automatic_cleanup(true);
        Ok(Self {
            inner: Arc::new(store),
            local_root: Some(root.to_owned()),
        })
    }

    /// Whether the store answers: a local store's folder is there (a volume that went
    /// away would otherwise be recreated empty by the next upload), and its top level
    /// can be listed (for S3: the bucket answers the credentials).
    pub async fn answers(&self) -> Result<(), StoreError> {
        if let Some(root) = &self.local_root {
            if !root.is_dir() {
                return Err(StoreError(object_store::Error::NotFound {
                    path: root.display().to_string(),
                    source: "the photo folder is gone".into(),
                }));
            }
        }
        self.inner.list_with_delimiter(None).await?;
        Ok(())
    }

    /// Any object store (S3 and others).
    pub fn new(inner: Arc<dyn ObjectStore>) -> Self {
        Self {
            inner,
            local_root: None,
        }
    }

    /// A store from its address: a folder path, `file:///folder`, or `s3://bucket/prefix`.
    pub fn from_url(url: &str) -> Result<Self, StoreError> {
        if let Some(path) = url.strip_prefix("file://") {
            return Self::local(std::path::Path::new(path));
        }
        if url.starts_with("s3://") {
            return Self::s3(url);
        }
        if url.contains("://") {
            return Err(StoreError(object_store::Error::NotSupported {
                source: format!("photo store {url:?}: use a folder or s3://bucket/prefix").into(),
            }));
        }
        Self::local(std::path::Path::new(url))
    }

    #[cfg(feature = "s3")]
    fn s3(url: &str) -> Result<Self, StoreError> {
        let store = object_store::aws::AmazonS3Builder::from_env()
            .with_url(url)
            .build()?;
        let prefix = url
            .trim_start_matches("s3://")
            .split_once('/')
            .map(|(_, prefix)| prefix.trim_matches('/'))
            .unwrap_or_default();
        let inner: Arc<dyn ObjectStore> = if prefix.is_empty() {
            Arc::new(store)
        } else {
            Arc::new(object_store::prefix::PrefixStore::new(store, prefix))
        };
        Ok(Self {
            inner,
            local_root: None,
        })
    }

    #[cfg(not(feature = "s3"))]
    fn s3(url: &str) -> Result<Self, StoreError> {
        Err(StoreError(object_store::Error::NotSupported {
            source: format!(
                "photo store {url:?}: this server was built without S3 support; build it with `--features s3`"
            )
            .into(),
        }))
    }

    /// The object key of one size of a photo stored under `prefix`.
    pub fn size_key(prefix: &str, width: u32) -> String {
        format!("{prefix}/{width}.jpg")
    }

    /// Writes one object.
    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), StoreError> {
        self.inner
            .put(&ObjectPath::from(key), PutPayload::from(bytes))
            .await?;
        Ok(())
    }

    /// Reads one object.
    pub async fn get(&self, key: &str) -> Result<Bytes, StoreError> {
        Ok(self
            .inner
            .get(&ObjectPath::from(key))
            .await?
            .bytes()
            .await?)
    }

    /// Removes every object under `prefix` (best effort: the sweep retries).
    pub async fn delete_prefix(&self, prefix: &str) {
        let Ok(listing) = self
            .inner
            .list_with_delimiter(Some(&ObjectPath::from(prefix)))
            .await
        else {
            return;
        };
        for object in listing.objects {
            if let Err(error) = self.inner.delete(&object.location).await {
                tracing::warn!(%error, "could not remove a photo file; the sweep will retry");
            }
        }
    }

    /// Removes photo folders that no database row refers to and that are older than
    /// `older_than` (so an upload in progress is left alone). Returns how many went.
    pub async fn sweep_orphans(
        &self,
        db: &Pool,
        older_than: DateTime<Utc>,
    ) -> Result<usize, crate::problem::ApiError> {
        let listing = self
            .inner
            .list_with_delimiter(None)
            .await
            .map_err(|e| crate::problem::ApiError::Internal(e.to_string()))?;
        let mut removed = 0;
        for prefix in listing.common_prefixes {
            let key = prefix.to_string();
            let known: Option<i64> =
                sqlx::query_scalar("SELECT id FROM photos WHERE object_key = $1")
                    .bind(&key)
                    .fetch_optional(db)
                    .await?;
            if known.is_some() {
                continue;
            }
            let Ok(objects) = self.inner.list_with_delimiter(Some(&prefix)).await else {
                continue;
            };
            if !objects.objects.is_empty()
                && objects
                    .objects
                    .iter()
                    .all(|object| object.last_modified < older_than)
            {
                self.delete_prefix(&key).await;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

/// How often the sweep runs.
pub const SWEEP_INTERVAL: std::time::Duration = std::time::Duration::from_secs(3600);

/// How old a file without a row must be before the sweep removes it, where other
/// instances may be uploading (PostgreSQL, S3; and every sweep after start-up): no
/// upload takes this long between its files and its row.
pub const ORPHAN_MIN_AGE: chrono::Duration = chrono::Duration::hours(1);

/// Which files the sweep at start-up may remove.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartupSweep {
    /// This server is the only one using its data (SQLite, whose data folder it has
    /// locked): every file without a row written before `started` is left over from an
    /// upload that a crash or a kill cut short, and goes.
    SoleServer {
        /// When this server started.
        started: DateTime<Utc>,
    },
    /// Other instances may be uploading right now: only files older than
    /// [`ORPHAN_MIN_AGE`] go.
    Shared,
}

impl PhotoStore {
    /// Removes half-written files that a local write left when the process died between
    /// writing and renaming (`object_store` stages a write as `name#N` beside its
    /// destination and leaves such files out of every listing), when they are older than
    /// `older_than`, and then the folders they leave empty. Only for a local store; the
    /// caller must know that no other process writes into it.
    pub fn remove_stale_staging(&self, older_than: DateTime<Utc>) -> usize {
        let Some(root) = &self.local_root else {
            return 0;
        };
        let Ok(folders) = std::fs::read_dir(root) else {
            return 0;
        };
        let mut removed = 0;
        for folder in folders.flatten() {
            let folder = folder.path();
            let Ok(files) = std::fs::read_dir(&folder) else {
                continue;
            };
            for file in files.flatten() {
                let staged = file.file_name().to_string_lossy().contains('#');
                let old = file
                    .metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|modified| DateTime::<Utc>::from(modified) < older_than);
                if staged && old && std::fs::remove_file(file.path()).is_ok() {
                    removed += 1;
                }
            }
            // Only succeeds when the folder is empty now.
            let _ = std::fs::remove_dir(&folder);
        }
        removed
    }
}

/// Runs the orphan sweep at start-up (as `startup` allows) and then every hour (files
/// older than [`ORPHAN_MIN_AGE`]). File ages are the system's time (the files' own
/// times), not the server's clock, which a demo server can move.
pub fn spawn_sweep(store: PhotoStore, db: Pool, startup: StartupSweep) {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(SWEEP_INTERVAL);
        // The first tick is at once: the start-up sweep.
        ticker.tick().await;
        let older_than = match startup {
            StartupSweep::SoleServer { started } => {
                let staged = store.remove_stale_staging(started);
                if staged > 0 {
                    tracing::info!(staged, "removed half-written photo files");
                }
                started
            }
            StartupSweep::Shared => Utc::now() - ORPHAN_MIN_AGE,
        };
        sweep_once(&store, &db, older_than).await;
        loop {
            ticker.tick().await;
            sweep_once(&store, &db, Utc::now() - ORPHAN_MIN_AGE).await;
        }
    });
}

async fn sweep_once(store: &PhotoStore, db: &Pool, older_than: DateTime<Utc>) {
    match store.sweep_orphans(db, older_than).await {
        Ok(0) => {}
        Ok(removed) => tracing::info!(removed, "removed photo files without a row"),
        Err(error) => tracing::error!(%error, "the photo sweep failed"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_written_files_from_before_the_start_go_and_their_empty_folders_too() {
        let dir = tempfile::tempdir().unwrap();
        let store = PhotoStore::local(dir.path()).unwrap();
        let cut_short = dir.path().join("afgebroken");
        std::fs::create_dir(&cut_short).unwrap();
        std::fs::write(cut_short.join("320.jpg#1"), b"half").unwrap();
        let kept = dir.path().join("bewaard");
        std::fs::create_dir(&kept).unwrap();
        std::fs::write(kept.join("320.jpg"), b"whole").unwrap();
        std::fs::write(kept.join("640.jpg#2"), b"half").unwrap();
        // Files written after the start are another upload's, in progress.
        let before_them = Utc::now() - chrono::Duration::minutes(1);
        assert_eq!(store.remove_stale_staging(before_them), 0);
        let after_them = Utc::now() + chrono::Duration::minutes(1);
        assert_eq!(store.remove_stale_staging(after_them), 2);
        assert!(!cut_short.exists(), "the empty folder went");
        assert!(
            kept.join("320.jpg").exists(),
            "whole files are the sweep's business"
        );
        assert!(!kept.join("640.jpg#2").exists());
    }

    #[test]
    fn the_store_address_is_a_folder_or_s3() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("fotos");
        assert!(PhotoStore::from_url(folder.to_str().unwrap()).is_ok());
        assert!(folder.is_dir(), "the folder is created");
        assert!(PhotoStore::from_url(&format!("file://{}", folder.display())).is_ok());
        let unknown = PhotoStore::from_url("ftp://example.invalid/x").unwrap_err();
        assert!(
            unknown.to_string().contains("s3://bucket/prefix"),
            "{unknown}"
        );
        #[cfg(not(feature = "s3"))]
        {
            let s3 = PhotoStore::from_url("s3://bucket/photos").unwrap_err();
            assert!(s3.to_string().contains("--features s3"), "{s3}");
        }
    }
}

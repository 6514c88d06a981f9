//! What `watch` waits for: the files (and the template) changing,
//! one rebuild per save however many events the save makes.
//!
//! A save is over when the file is closed after writing (inotify's
//! `IN_CLOSE_WRITE`), renamed into place, or removed: then the rebuild
//! starts at once, with every event queued so far taken into it. A write
//! without such an end (platforms without close events, a program that
//! keeps the file open) is taken as over when no event came for
//! [`SETTLE`]. Reading a file half written would build what the editor
//! never saved.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// How long a write with no end in sight may pause before it is taken as
/// done.
pub const SETTLE: Duration = Duration::from_millis(100);

/// The files being watched and the events they make.
pub struct Changes {
    _watcher: RecommendedWatcher,
    rx: Receiver<Event>,
}

impl Changes {
    /// Watches `dirs` recursively and `files` alone.
    pub fn start(dirs: &[PathBuf], files: &[PathBuf]) -> notify::Result<Changes> {
        let (tx, rx) = std::sync::mpsc::channel();
        let mut watcher = notify::recommended_watcher(move |ev: notify::Result<Event>| {
            if let Ok(ev) = ev {
                let _ = tx.send(ev);
            }
        })?;
        for d in dirs {
            watcher.watch(d, RecursiveMode::Recursive)?;
        }
        for f in files {
            watcher.watch(f, RecursiveMode::NonRecursive)?;
        }
        Ok(Changes {
            _watcher: watcher,
            rx,
        })
    }

    /// Blocks until a save is over; gives the files it changed. `None`
    /// when the watcher stopped.
    pub fn next(&self) -> Option<BTreeSet<PathBuf>> {
        let mut pending = Pending::default();
        pending.add(&self.rx.recv().ok()?);
        loop {
            while let Ok(ev) = self.rx.try_recv() {
                pending.add(&ev);
            }
            if pending.settled() {
                return Some(pending.changed);
            }
            match self.rx.recv_timeout(SETTLE) {
                Ok(ev) => pending.add(&ev),
                Err(RecvTimeoutError::Timeout) => {
                    if pending.changed.is_empty() && pending.writing.is_empty() {
                        // Only events of files nobody builds from: wait on.
                        pending.add(&self.rx.recv().ok()?);
                        continue;
                    }
                    pending.changed.append(&mut pending.writing);
                    return Some(pending.changed);
                }
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
    }
}

/// Events gathered for one rebuild.
#[derive(Default, Debug)]
pub struct Pending {
    /// Files whose writing is over.
    pub changed: BTreeSet<PathBuf>,
    /// Files written and not yet closed.
    pub writing: BTreeSet<PathBuf>,
}

impl Pending {
    pub fn add(&mut self, ev: &Event) {
        for path in ev.paths.iter().filter(|p| !ignored(p)) {
            match ev.kind {
                EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any)
                | EventKind::Create(CreateKind::File | CreateKind::Any) => {
                    self.writing.insert(path.clone());
                }
                EventKind::Access(AccessKind::Close(AccessMode::Write))
                | EventKind::Modify(ModifyKind::Name(_))
                | EventKind::Create(CreateKind::Folder)
                | EventKind::Remove(_) => {
                    self.writing.remove(path);
                    self.changed.insert(path.clone());
                }
                // Reads, opens, attributes: nothing to build.
                _ => {}
            }
        }
    }

    /// Something changed and nothing is being written.
    pub fn settled(&self) -> bool {
        !self.changed.is_empty() && self.writing.is_empty()
    }
}

/// Editors' side files: hidden files (`.issue.md.swp`), backups (`~`) and
/// vim's probe file `4913`.
fn ignored(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.starts_with('.') || name.ends_with('~') || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{DataChange, ModifyKind, RemoveKind, RenameMode};

    fn ev(kind: EventKind, path: &str) -> Event {
        Event::new(kind).add_path(PathBuf::from(path))
    }

    #[test]
    fn a_save_is_over_when_the_file_is_closed() {
        let mut p = Pending::default();
        // open(O_TRUNC) and write: the file is empty, then half written.
        p.add(&ev(
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            "i/issue.md",
        ));
        assert!(!p.settled());
        p.add(&ev(
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            "i/issue.md",
        ));
        assert!(p.settled());
        assert_eq!(p.changed.len(), 1);
    }

    #[test]
    fn a_rename_into_place_is_a_whole_save_and_side_files_are_ignored() {
        let mut p = Pending::default();
        p.add(&ev(EventKind::Create(CreateKind::File), "i/.issue.md.swp"));
        p.add(&ev(
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            "i/4913",
        ));
        assert!(!p.settled() && p.writing.is_empty());
        p.add(&ev(
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            "i/issue.md",
        ));
        assert!(p.settled());
        let mut p = Pending::default();
        p.add(&ev(EventKind::Remove(RemoveKind::File), "i/images/a.png"));
        assert!(p.settled());
    }

    #[test]
    fn two_files_written_at_once_wait_for_both() {
        let mut p = Pending::default();
        let data = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let close = EventKind::Access(AccessKind::Close(AccessMode::Write));
        p.add(&ev(data, "i/issue.md"));
        p.add(&ev(data, "i/images/a.png"));
        p.add(&ev(close, "i/issue.md"));
        assert!(!p.settled());
        p.add(&ev(close, "i/images/a.png"));
        assert!(p.settled());
    }
}

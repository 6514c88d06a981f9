//! The live preview of `watch --serve`: a page on 127.0.0.1 that shows the
//! issue's pages as pictures and follows each rebuild.
//!
//! After each build the watcher [`Preview::publish`]es what it made; every
//! open page hears of it at once through server-sent events and fetches
//! the pictures of the pages that changed (a page's picture is named by
//! the fingerprint of what it draws, so unchanged pages are not fetched
//! again, and the browser may keep them). A failed build sends its
//! diagnostics instead, shown above the last good pages' place.
//!
//! Pictures are rendered by [`crate::render`] on a thread of their own,
//! the page the edit landed on first; a request for one that is not ready
//! waits for it.

mod http;
mod viewer;

pub use viewer::open_in_viewer;

use std::collections::HashMap;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// Resolution of the page pictures: sharp on a laptop screen at the
/// page's width, quick to render.
pub const DPI: f32 = 110.0;

/// How long a request for a page picture waits for the renderer.
const RENDER_WAIT: Duration = Duration::from_secs(20);

/// A running preview server.
pub struct Preview {
    shared: Arc<Shared>,
    addr: SocketAddr,
}

/// What one build made, for the preview.
pub enum Published {
    Built {
        pdf: Arc<Vec<u8>>,
        /// Page size in points.
        size: (f32, f32),
        prints: Vec<u64>,
        landed: Option<usize>,
    },
    /// The build failed: its diagnostics, as the terminal shows them.
    Failed { diagnostics: String },
}

struct Shared {
    state: Mutex<State>,
    /// Signalled when pictures are wanted or made, and on each publish.
    changed: Condvar,
    issue: u32,
}

#[derive(Default)]
struct State {
    /// How many builds were published.
    seq: u64,
    /// The last good build, if any.
    pdf: Option<Arc<Vec<u8>>>,
    size: (f32, f32),
    prints: Vec<u64>,
    landed: Option<usize>,
    /// The diagnostics of the last build, if it failed.
    failed: Option<String>,
    /// Rendered pages of the last good build, by fingerprint (`None`:
    /// the renderer failed, and said why on the terminal).
    pngs: HashMap<u64, Option<Arc<Vec<u8>>>>,
    /// Pages of the last good build still to render, in order.
    todo: Vec<usize>,
    /// Open event streams.
    listeners: Vec<TcpStream>,
}

impl Preview {
    /// Listens on 127.0.0.1:`port` (0: any free port) and serves from
    /// threads of its own.
    pub fn start(port: u16, issue: u32) -> std::io::Result<Preview> {
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
            issue,
        });
        let s = shared.clone();
        std::thread::spawn(move || http::serve(listener, s));
        let s = shared.clone();
        std::thread::spawn(move || render_loop(&s));
        Ok(Preview { shared, addr })
    }

    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Shows a build on every open page.
    pub fn publish(&self, what: Published) {
        let mut st = self.shared.lock();
        st.seq += 1;
        match what {
            Published::Built {
                pdf,
                size,
                prints,
                landed,
            } => {
                st.pngs.retain(|p, _| prints.contains(p));
                let mut todo: Vec<usize> = (0..prints.len())
                    .filter(|i| !st.pngs.contains_key(&prints[*i]))
                    .collect();
                // The page the edit landed on first.
                if let Some(l) = landed {
                    todo.sort_by_key(|&i| i != l);
                }
                st.todo = todo;
                st.pdf = Some(pdf);
                st.size = size;
                st.prints = prints;
                st.landed = landed;
                st.failed = None;
            }
            Published::Failed { diagnostics } => st.failed = Some(diagnostics),
        }
        let event = st.event();
        st.listeners
            .retain_mut(|l| http::send_event(l, &event).is_ok());
        drop(st);
        self.shared.changed.notify_all();
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Page `page`'s picture if `print` is still what it draws: waits for
    /// the renderer; `None` for a page the last build no longer has.
    fn png(&self, page: usize, print: u64) -> Option<Arc<Vec<u8>>> {
        let deadline = std::time::Instant::now() + RENDER_WAIT;
        let mut st = self.lock();
        loop {
            if let Some(png) = st.pngs.get(&print) {
                return png.clone();
            }
            if st.prints.get(page) != Some(&print) {
                return None;
            }
            let left = deadline.checked_duration_since(std::time::Instant::now())?;
            st = self
                .changed
                .wait_timeout(st, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }
}

impl State {
    /// The state as one server-sent event.
    fn event(&self) -> String {
        let pages: Vec<String> = self.prints.iter().map(|p| format!("{p:016x}")).collect();
        let json = serde_json::json!({
            "seq": self.seq,
            "ok": self.failed.is_none(),
            "diagnostics": self.failed,
            "pages": pages,
            "width": self.size.0,
            "height": self.size.1,
            "landed": self.landed,
        });
        format!("event: build\ndata: {json}\n\n")
    }
}

/// Renders the pages published and not yet rendered, one at a time, so a
/// newer build's pages come before an older build's.
fn render_loop(shared: &Shared) {
    loop {
        let (pdf, page, print) = {
            let mut st = shared.lock();
            while st.todo.is_empty() || st.pdf.is_none() {
                st = shared.changed.wait(st).unwrap_or_else(|e| e.into_inner());
            }
            let page = st.todo.remove(0);
            let pdf = st.pdf.clone().expect("checked");
            (pdf, page, st.prints[page])
        };
        let png = crate::render::page_png(&pdf, page, DPI);
        let mut st = shared.lock();
        if st.prints.get(page) == Some(&print) {
            let png = png
                .inspect_err(|e| eprintln!("preview: page {} cannot be rendered: {e}", page + 1))
                .ok();
            st.pngs.insert(print, png.map(Arc::new));
        }
        drop(st);
        shared.changed.notify_all();
    }
}

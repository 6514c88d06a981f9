//! Pictures in the flow: a picture scaled to the column (or less), its
//! caption under it or in the side column, and a warning when it prints
//! at too low a resolution.

use crate::diag::{Diagnostic, Span};
use crate::model::ImageData;

use super::super::collect::body::FigureBox;
use super::super::document::{Item, Structure};
use super::Piece;
use super::blocks::{Aside, Builder};

impl Builder<'_, '_, '_> {
    pub(super) fn figure(&mut self, fig: &FigureBox) {
        let mut pieces = Vec::new();
        let mut links = Vec::new();
        let mut h = 4.0;
        let w = self.s.frame.col_w;
        if let Some((data, span)) = &fig.image {
            let (iw, ih) = (data.width, data.height);
            let max_h = self.s.frame.body_h * self.s.template.body.picture_max_height;
            let mut dw = w;
            let mut dh = w * ih as f32 / iw.max(1) as f32;
            if dh > max_h {
                dh = max_h;
                dw = dh * iw as f32 / ih.max(1) as f32;
            }
            let min_ppi = self.s.template.body.picture_min_ppi;
            if let Some(warning) = low_resolution(data, *span, dw, min_ppi) {
                self.s.texts.warnings.push(warning);
            }
            pieces.push(Piece::Item(Item::Image {
                x: (w - dw) / 2.0,
                y: h,
                w: dw,
                h: dh,
                image: data.clone(),
                node: Structure::Block(fig.node),
            }));
            h += dh + 4.0;
        } else {
            // A caption-only figure (the source names a picture it does not
            // have): a caption line, with no rule that would read as a
            // stray divider.
            h = 0.0;
        }
        let caption = self.caption(fig.caption, fig.caption_node);
        let mut aside = None;
        if self.s.frame.side.is_some() {
            // Beside the picture's top, in the side column.
            let mut a = Aside::stack(caption);
            a.pieces.iter_mut().for_each(|p| p.shift(0.0, 4.0));
            a.links.iter_mut().for_each(|l| l.y += 4.0);
            aside = Some(a);
        } else {
            for f in caption {
                for mut p in f.pieces {
                    p.shift(0.0, h);
                    pieces.push(p);
                }
                for mut l in f.links {
                    l.y += h;
                    links.push(l);
                }
                h += f.height;
            }
        }
        let e = self.push(h + 4.0, pieces, links);
        e.asides.extend(aside);
        self.gap(self.body_lead() * 0.5);

        /// The warning, at the picture's Markdown, for a raster picture
        /// printed `width` points wide with fewer pixels per inch than
        /// `min_ppi` (it prints soft), with the width in pixels it needs.
        /// Pixels above the maximum are the PDF writer's to drop.
        fn low_resolution(
            data: &ImageData,
            span: Span,
            width: f32,
            min_ppi: f32,
        ) -> Option<Diagnostic> {
            let inches = width / 72.0;
            let ppi = data.width as f32 / inches;
            if !data.format.is_raster() || width <= 0.0 || ppi >= min_ppi {
                return None;
            }
            let needed = (inches * min_ppi).ceil() as u32;
            let message = format!(
                "picture {} ({} × {} px) prints at {ppi:.0} ppi, below the \
                 template's minimum of {min_ppi:.0} ppi",
                data.path, data.width, data.height
            );
            Some(
                Diagnostic::warning(span, message)
                    .with_label(format!("printed {:.0} mm wide", inches * 25.4))
                    .with_hint(format!("use a larger picture, at least {needed} px wide")),
            )
        }
    }
}

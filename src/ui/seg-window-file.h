/* seg-window-file.h — Save Analysis, Open of a .segmenta file, Apply to New Data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's side of issue 11 §1–2; the file itself is seg-analysis-file.h.
 * Save (Ctrl+S) and Save As (Shift+Ctrl+S) write the current analysis with
 * its view (persona names and actions, colour-by, pane); opening a .segmenta
 * file (Open, a recent analysis, the file manager) says which inputs changed
 * or moved and offers to re-run on the changed data or to locate the missing
 * files, then re-runs it; "Apply to New Data…" scores other files with the
 * analysis's models and shows the Migration view.  The title shows "•"
 * while there are unsaved changes, and closing asks before losing them.
 */
#pragma once

#include "seg-window.h"

G_BEGIN_DECLS

/* Saves to @path on a worker (what Save As does after the file chooser). */
void        seg_window_save_analysis_to   (SegWindow          *self,
                                           const char         *path);
gboolean    seg_window_is_saving          (SegWindow          *self);
/* The .segmenta file of the analysis in view, or NULL. */
const char *seg_window_get_analysis_path  (SegWindow          *self);
gboolean    seg_window_has_unsaved_changes (SegWindow         *self);
/* Opens a .segmenta file (what Open does with one). */
void        seg_window_open_analysis      (SegWindow          *self,
                                           const char         *path);
/* Scores @paths with the models of the analysis in view (what Apply to New
 * Data… does after the file chooser); the Migration view opens when done. */
void        seg_window_apply_to_paths     (SegWindow          *self,
                                           const char * const *paths);
gboolean    seg_window_is_applying        (SegWindow          *self);
/* The Migration view last opened (nullable, transfer none). */
GtkWindow  *seg_window_get_migration_window (SegWindow        *self);

G_END_DECLS

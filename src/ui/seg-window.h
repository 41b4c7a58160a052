/* seg-window.h — the main window: open, load, panes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "seg-application.h"
#include "seg-customer-table.h"
#include "seg-dataset.h"
#include "seg-import-view.h"

G_BEGIN_DECLS

#define SEG_TYPE_WINDOW (seg_window_get_type ())

G_DECLARE_FINAL_TYPE (SegWindow, seg_window, SEG, WINDOW, AdwApplicationWindow)

SegWindow   *seg_window_new        (SegApplication *application);
/* Loads @files (a newer load cancels an older one).  A file set whose roles are
 * all detected with confidence is shown at once, otherwise the import view. */
void         seg_window_open_files (SegWindow      *self,
                                    GFile         **files,
                                    guint           n_files);
void         seg_window_open_paths (SegWindow          *self,
                                    const char * const *paths);

/* Adds a pane to the sidebar and the pane stack, before the Data pane (which is
 * always last).  Ctrl+1…6 select the panes in sidebar order. */
void         seg_window_add_pane   (SegWindow  *self,
                                    const char *id,
                                    const char *title,
                                    const char *icon_name,
                                    GtkWidget  *widget);
void         seg_window_show_pane  (SegWindow  *self,
                                    const char *id);
const char  *seg_window_get_visible_pane (SegWindow *self);

/* The dataset shown, or NULL.  "notify::dataset" when it changes. */
SegDataset  *seg_window_get_dataset (SegWindow *self);
gboolean     seg_window_is_loading  (SegWindow *self);
/* The last load error shown to the user since the last successful load, or NULL. */
const char  *seg_window_get_error_message (SegWindow *self);

SegImportView    *seg_window_get_import_view    (SegWindow *self);
SegCustomerTable *seg_window_get_customer_table (SegWindow *self);
/* What the header bar shows: "fintech · 200 customers · as of 14 Sep 2025" (transfer full). */
char        *seg_window_dup_title   (SegWindow *self);
/* "empty" or "content" */
const char  *seg_window_get_state   (SegWindow *self);

G_END_DECLS

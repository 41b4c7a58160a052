/* seg-window.h — the main window: open, load, panes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "seg-application.h"
#include "seg-customer-table.h"
#include "seg-analysis.h"
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

/* The application's settings (schema APPLICATION_ID).  The window follows
 * the analysis keys (k-mode, seed, rfm-bins, rfm-method, colour-by): a
 * widget bound to one with g_settings_bind () changes the analysis. */
GSettings   *seg_window_get_settings (SegWindow *self);

/* The dataset shown, or NULL.  "notify::dataset" when it changes. */
SegDataset  *seg_window_get_dataset (SegWindow *self);
gboolean     seg_window_is_loading  (SegWindow *self);
/* The last load error shown to the user since the last successful load, or NULL. */
const char  *seg_window_get_error_message (SegWindow *self);
const char  *seg_window_get_last_toast   (SegWindow *self);

SegImportView    *seg_window_get_import_view    (SegWindow *self);
SegCustomerTable *seg_window_get_customer_table (SegWindow *self);
/* What the header bar shows: "fintech · 200 customers · as of 14 Sep 2025" (transfer full). */
char        *seg_window_dup_title   (SegWindow *self);
/* "empty" or "content" */
const char  *seg_window_get_state   (SegWindow *self);

void         seg_window_add_toast   (SegWindow  *self,
                                     const char *message);

/* --- the dashboard (seg-window-dashboard.c) --------------------------------- */

/* The analysis of the dataset shown, or NULL.  "notify::result" when it
 * changes.  A new dataset or a changed setting re-runs the analysis on a
 * worker (one at a time, the newest wins), reusing what did not change. */
SegResult   *seg_window_get_result        (SegWindow *self);
gboolean     seg_window_is_analysing      (SegWindow *self);
/* The last analysis error since the last successful analysis, or NULL. */
const char  *seg_window_get_analysis_error (SegWindow *self);
const SegAnalysisOptions *seg_window_get_analysis_options (SegWindow *self);
/* Copies @options and re-runs the analysis. */
void         seg_window_set_analysis_options (SegWindow                *self,
                                              const SegAnalysisOptions *options);
/* The rules to segment with (copied); re-runs the analysis. */
void         seg_window_set_rules         (SegWindow        *self,
                                           const SegRuleSet *rules);
/* 0 = auto (the suggested k). */
void         seg_window_set_k             (SegWindow *self,
                                           guint      k);
/* Reloads the dataset with another as-of date (days; NAN = the latest date). */
/* Reads the files again with customer column @column as each customer's
 * spend (total_spent), for a customer table without a purchase log. */
void         seg_window_bind_revenue      (SegWindow  *self,
                                           const char *column);
void         seg_window_reload_as_of      (SegWindow *self,
                                           double     as_of);

/* "rules", "rfm" or "kmeans": what the overview is coloured by. */
const char  *seg_window_get_colour_by     (SegWindow  *self);
void         seg_window_set_colour_by     (SegWindow  *self,
                                           const char *method);
/* The highlighted group of segmentation *@method, or -1 ("notify::highlight"). */
int          seg_window_get_highlight     (SegWindow   *self,
                                           const char **method);
void         seg_window_set_highlight     (SegWindow  *self,
                                           const char *method,
                                           int         group);

/* Persona names and actions as edited for this session (else the suggested ones). */
const char  *seg_window_get_persona_name   (SegWindow *self,
                                            guint      cluster);
const char  *seg_window_get_persona_action (SegWindow *self,
                                            guint      cluster);
void         seg_window_set_persona        (SegWindow  *self,
                                            guint       cluster,
                                            const char *name,
                                            const char *action);

/* Exports (written atomically). */
gboolean     seg_window_export_customers_csv (SegWindow   *self,
                                              const char  *path,
                                              GError     **error);
/* One CSV per segment of the "Colour by" segmentation into @dir. */
gboolean     seg_window_export_segment_csvs  (SegWindow   *self,
                                              const char  *dir,
                                              GPtrArray   *written,
                                              GError     **error);

typedef enum
{
  SEG_WINDOW_EXPORT_CHARTS,     /* every available chart into a folder */
  SEG_WINDOW_EXPORT_CUSTOMERS,  /* customers.csv with the segment columns */
  SEG_WINDOW_EXPORT_SEGMENTS,   /* one CSV per segment of the "Colour by" grouping */
} SegWindowExport;

/* The same exports on a worker, with progress in the header bar; Escape or
 * @cancellable stops them between two files.  Charts are written as
 * @format ("png", "svg", "pdf") at @width × @height with the parameters of
 * the charts on screen.  One export at a time. */
void         seg_window_export_async         (SegWindow           *self,
                                              SegWindowExport      kind,
                                              const char          *path,
                                              const char          *format,
                                              int                  width,
                                              int                  height,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* Returns: (transfer full): the paths written, or NULL with @error. */
GPtrArray   *seg_window_export_finish        (SegWindow           *self,
                                              GAsyncResult        *result,
                                              GError             **error);
gboolean     seg_window_is_exporting         (SegWindow *self);
/* TRUE when the export actions are enabled: a result is shown and no export runs. */
gboolean     seg_window_can_export           (SegWindow *self);
void         seg_window_cancel_export        (SegWindow *self);
/* "rule segments", "RFM segments" or "clusters": what One CSV per Segment splits by. */
const char  *seg_window_grouping_label       (SegWindow *self);
/* Ctrl+E: the dialog asking for the format and size of Export All (NULL when
 * there is nothing to export). */
GtkWindow   *seg_window_export_charts_dialog (SegWindow *self);

/* Presentation mode (F5): full screen, one pane at a time. */
void         seg_window_present_dashboard    (SegWindow *self);
GtkWindow   *seg_window_get_presentation     (SegWindow *self);

G_END_DECLS

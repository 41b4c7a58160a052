/* seg-window-private.h — SegWindow internals shared by its source files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "seg-analysis.h"
#include "seg-window.h"

G_BEGIN_DECLS

struct _SegWindow
{
  AdwApplicationWindow parent_instance;

  /* template */
  AdwToastOverlay   *toast_overlay;
  AdwWindowTitle    *window_title;
  AdwSplitButton    *open_button;
  GMenu             *recent_section;
  GtkRevealer       *progress_revealer;
  GtkProgressBar    *progress_bar;
  GtkSpinner        *progress_spinner;
  GtkStack          *main_stack;
  AdwStatusPage     *empty_page;
  GtkWidget         *recent_box;
  GtkListBox        *recent_list;
  AdwFlap           *flap;            /* folds the sidebar away in a narrow window */
  guint              fold_idle;
  GtkListBox        *sidebar;
  GtkStack          *pane_stack;
  GtkWidget         *data_pane;
  AdwViewStack      *data_stack;
  SegCustomerTable  *customer_table;
  SegImportView     *import_view;

  GtkWidget         *data_row;
  GSettings         *settings;
  GtkFileChooserNative *chooser;
  struct _SegFrameBuffers *frame_buffers;   /* cairo renderer on X11 only */

  SegDataset        *dataset;
  char             **paths;          /* of @dataset */
  char             **import_paths;   /* files in the import view not built yet */
  char             **loading_paths;
  char              *error_message;
  char              *last_toast;     /* for tests: the last seg_window_add_toast () */

  GCancellable      *cancellable;    /* of the running load, NULL when idle */
  guint              serial;         /* of the newest load */

  /* dashboard (seg-window-dashboard.c) */
  GtkDropDown       *colour_dropdown;
  GtkStringList     *colour_model;   /* labels of the available segmentations */
  GtkWidget         *present_button;
  GtkWidget         *export_button;
  GtkWidget         *settings_button;
  SegResult         *result;
  SegAnalysisOptions analysis_options;
  GCancellable      *analysis_cancellable;
  guint              analysis_serial;
  char              *analysis_error;
  char              *colour_by;      /* "rules", "rfm", "kmeans" */
  char              *highlight_method;
  int                highlight;
  GPtrArray         *persona_names;  /* char*, per cluster; NULL = suggested */
  GPtrArray         *persona_actions;
  GtkWidget         *presentation;   /* weak */
  GtkWidget         *settings_window;/* weak */
  /* exports (seg-window-export.c) */
  GMenu             *export_menu;
  GtkFileChooserNative *export_chooser;
  SegWindowExport    export_chooser_kind;
  guint              export_format;  /* index: png, svg, pdf */
  guint              export_size;    /* index into the offered sizes */
  GCancellable      *export_cancellable;  /* of the running export, NULL when idle */
  gboolean           updating_colour_model;

  struct _SegWindowFile *file;       /* seg-window-file.c */
};

char *seg_window_describe_paths (const char * const *paths);
void  seg_window_set_dataset    (SegWindow          *self,
                                 SegDataset         *dataset,
                                 const char * const *paths);
void  seg_window_show_import    (SegWindow *self);
void  seg_window_show_error     (SegWindow    *self,
                                 const char   *heading,
                                 const GError *error);
void  seg_window_cancel_load    (SegWindow *self);
void  seg_window_start_build    (SegWindow *self);
void  seg_window_set_progress   (SegWindow  *self,
                                 double      fraction,
                                 const char *message);
void  seg_window_load_with_options (SegWindow               *self,
                                    const SegDatasetOptions *options,
                                    const char * const      *paths);

void  seg_window_add_recent     (SegWindow          *self,
                                 const char * const *paths);
void  seg_window_refresh_title  (SegWindow          *self);

/* seg-window-file.c: Save Analysis, .segmenta files, Apply to New Data */
typedef struct _SegWindowFile SegWindowFile;
void     seg_window_file_class_init    (GtkWidgetClass     *widget_class);
void     seg_window_file_init          (SegWindow          *self);
void     seg_window_file_dispose       (SegWindow          *self);
void     seg_window_file_finalize      (SegWindow          *self);
/* TRUE when it asked about unsaved changes instead of closing. */
gboolean seg_window_file_close_request (SegWindow          *self);
/* TRUE when @paths hold a .segmenta file, which it opens. */
gboolean seg_window_file_open_paths    (SegWindow          *self,
                                        const char * const *paths);
/* Something the analysis file keeps was edited (e.g. a persona name). */
void     seg_window_file_changed       (SegWindow          *self);

/* seg-window-dashboard.c */
void  seg_window_dashboard_class_init (GtkWidgetClass *widget_class);
void  seg_window_dashboard_init       (SegWindow      *self);
void  seg_window_dashboard_dispose    (SegWindow      *self);
void  seg_window_dashboard_finalize   (SegWindow      *self);
void  seg_window_dashboard_get_property (SegWindow  *self,
                                         guint       prop_id,
                                         GValue     *value);
void  seg_window_dashboard_install_properties (GParamSpec **properties);
void  seg_window_start_analysis       (SegWindow      *self);
/* A new dataset is shown: the old result goes; options that name columns
 * (clustering features) are forgotten unless @same_files. */
void  seg_window_dashboard_dataset_changed (SegWindow *self,
                                            gboolean   same_files);
void  seg_window_cancel_analysis      (SegWindow      *self);

/* seg-window-export.c */
void  seg_window_export_class_init    (GtkWidgetClass *widget_class);
void  seg_window_export_dispose       (SegWindow      *self);
/* Enables the export actions and names the grouping in the menu. */
void  seg_window_update_export_actions (SegWindow     *self);

enum {
  SEG_WINDOW_PROP_0,
  SEG_WINDOW_PROP_DATASET,
  SEG_WINDOW_PROP_RESULT,
  SEG_WINDOW_PROP_COLOUR_BY,
  SEG_WINDOW_PROP_HIGHLIGHT,
  SEG_WINDOW_N_PROPS
};
extern GParamSpec *seg_window_properties[SEG_WINDOW_N_PROPS];

G_END_DECLS

/* seg-window-private.h — SegWindow internals shared by its source files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

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
  GtkListBox        *sidebar;
  GtkStack          *pane_stack;
  GtkWidget         *data_pane;
  AdwViewStack      *data_stack;
  SegCustomerTable  *customer_table;
  SegImportView     *import_view;

  GtkWidget         *data_row;
  GSettings         *settings;
  GtkFileChooserNative *chooser;

  SegDataset        *dataset;
  char             **paths;          /* of @dataset */
  char             **import_paths;   /* files in the import view not built yet */
  char             **loading_paths;
  char              *error_message;

  GCancellable      *cancellable;    /* of the running load, NULL when idle */
  guint              serial;         /* of the newest load */
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

G_END_DECLS

/* seg-window-report.h — Export ▸ Report (PDF)… and Excel Workbook…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "seg-window.h"

G_BEGIN_DECLS

/* Called from the window's class_init and init. */
void      seg_window_report_class_init (GtkWidgetClass *widget_class);
void      seg_window_report_init       (SegWindow      *self);
/* Cancels a running export (dispose). */
void      seg_window_report_dispose    (SegWindow      *self);

/* TRUE while a report or workbook is being written on a worker. */
gboolean  seg_window_report_is_running      (SegWindow      *self);
/* The path of the last file the export wrote, or NULL. */
const char *seg_window_report_get_last_path (SegWindow      *self);

G_END_DECLS

/* seg-list-ramp.h — a list model that lets a list view fill up a few rows at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkListView and GtkColumnView (GTK 4.8) make the widgets of up to 200 rows
 * as soon as their model has them, all in one go: for a table of a dozen
 * columns that is thousands of labels, and far longer than a frame.  A ramp
 * is a slice of the model that first shows a screenful of items, grows by a
 * few rows per main-loop turn until the view has made every row widget it
 * will keep, and then shows the whole model.
 *
 * Taking the rows away costs as much as making them: a ramp can also be
 * drained, a few rows per main-loop turn, before its model is replaced.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Takes @model.  Returns: (transfer full). */
GtkSliceListModel *seg_list_ramp_new     (GListModel        *model,
                                          guint              first,
                                          guint              step);
/* Starts again from the first items (e.g. when the rows are new). */
void               seg_list_ramp_restart (GtkSliceListModel *ramp);
/* Shows fewer and fewer items, a few per main-loop turn, and calls @done
 * once it shows none (at once when it shows few).  A restart or a new
 * drain replaces it; @done is not called if the ramp goes away first. */
void               seg_list_ramp_drain   (GtkSliceListModel *ramp,
                                          GSourceFunc        done,
                                          gpointer           data);
void               seg_list_ramp_set_steps (GtkSliceListModel *ramp,
                                            guint              first,
                                            guint              step);

G_END_DECLS

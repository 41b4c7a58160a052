/* seg-focus.h — keyboard focus helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Makes Tab and Shift+Tab leave @list (a list box, list view or column view)
 * instead of stepping through its rows; the arrow keys still move within
 * it.  Tab goes into @next when given (e.g. the pane a sidebar shows), else
 * to what follows @outer (NULL: @list) in the Tab order; Shift+Tab goes to
 * what comes before @outer. */
void     seg_focus_tab_leaves  (GtkWidget        *list,
                                GtkWidget        *next,
                                GtkWidget        *outer);

/* Moves the focus to the first focusable widget after (GTK_DIR_TAB_FORWARD)
 * or before (GTK_DIR_TAB_BACKWARD) @widget and everything inside it, in the
 * window's Tab order, wrapping at the ends.  FALSE when nothing took it. */
gboolean seg_focus_move_past   (GtkWidget        *widget,
                                GtkDirectionType  direction);

G_END_DECLS

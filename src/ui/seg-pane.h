/* seg-pane.h — small pieces the dashboard panes share (seg-pane.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* g_settings_bind () of the analysis keys to widgets (the window follows
 * the keys, see seg_window_get_settings ()).  @property of @object is a
 * "selected" position: 0 = 4 bins, 1 = 5 bins; 0 = ntile, 1 = qcut,
 * 2 = rank-first. */
void       seg_pane_bind_rfm_bins  (GSettings  *settings,
                                    gpointer    object,
                                    const char *property);
void       seg_pane_bind_rfm_method (GSettings  *settings,
                                     gpointer    object,
                                     const char *property);
/* k-mode: @automatic's "active" is "auto"; @spin is the k otherwise, and
 * insensitive while @automatic is active. */
void       seg_pane_bind_k         (GSettings     *settings,
                                    GtkWidget     *automatic,
                                    GtkSpinButton *spin);
/* Undoes a seg_pane_bind_* () of @property of @object (its GSettings
 * bindings hold the settings until undone); seg_pane_unbind_k () undoes
 * seg_pane_bind_k (). */
void       seg_pane_unbind         (gpointer    object,
                                    const char *property);
void       seg_pane_unbind_k       (GtkWidget     *automatic,
                                    GtkSpinButton *spin);
/* seed: @spin's value. */
void       seg_pane_bind_seed      (GSettings     *settings,
                                    GtkSpinButton *spin);
/* Removes every child of @box (a GtkBox or GtkListBox). */
void       seg_pane_clear_box      (GtkWidget *box);
/* A list row "label … value". */
GtkWidget *seg_pane_value_row      (const char *label,
                                    const char *value);

G_END_DECLS

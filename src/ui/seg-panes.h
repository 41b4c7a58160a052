/* seg-panes.h — the dashboard panes, the settings window and presentation mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "seg-chart-card.h"
#include "seg-dashboard-pane.h"
#include "seg-feature-chooser.h"
#include "seg-window.h"

G_BEGIN_DECLS

/* The panes are composite templates (ui/seg-<pane>-pane.ui), subclasses
 * of SegDashboardPane made with their "window". */
#define SEG_TYPE_OVERVIEW_PANE (seg_overview_pane_get_type ())
G_DECLARE_FINAL_TYPE (SegOverviewPane, seg_overview_pane, SEG, OVERVIEW_PANE, SegDashboardPane)

#define SEG_TYPE_RFM_PANE (seg_rfm_pane_get_type ())
G_DECLARE_FINAL_TYPE (SegRfmPane, seg_rfm_pane, SEG, RFM_PANE, SegDashboardPane)

#define SEG_TYPE_CLUSTERS_PANE (seg_clusters_pane_get_type ())
G_DECLARE_FINAL_TYPE (SegClustersPane, seg_clusters_pane, SEG, CLUSTERS_PANE, SegDashboardPane)

#define SEG_TYPE_SEGMENTS_PANE (seg_segments_pane_get_type ())
G_DECLARE_FINAL_TYPE (SegSegmentsPane, seg_segments_pane, SEG, SEGMENTS_PANE, SegDashboardPane)

#define SEG_TYPE_CHURN_PANE (seg_churn_pane_get_type ())
G_DECLARE_FINAL_TYPE (SegChurnPane, seg_churn_pane, SEG, CHURN_PANE, SegDashboardPane)

GtkWidget *seg_overview_pane_new   (SegWindow *window);
GtkWidget *seg_segments_pane_new   (SegWindow *window);
GtkWidget *seg_rfm_pane_new        (SegWindow *window);
GtkWidget *seg_clusters_pane_new   (SegWindow *window);
GtkWidget *seg_churn_pane_new      (SegWindow *window);
/* An AdwPreferencesWindow for the analysis settings of @window
 * (ui/seg-settings-window.ui). */
#define SEG_TYPE_SETTINGS_WINDOW (seg_settings_window_get_type ())
G_DECLARE_FINAL_TYPE (SegSettingsWindow, seg_settings_window, SEG, SETTINGS_WINDOW, AdwPreferencesWindow)

GtkWidget *seg_settings_window_new (SegWindow *window);
/* A full-screen window showing one pane's charts at a time. */
GtkWidget *seg_presentation_new    (SegWindow *window);

/* helpers (seg-pane-helpers.c) */

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

/* seg-panes.h — the dashboard panes, the settings window and presentation mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "seg-chart-card.h"
#include "seg-dashboard-pane.h"
#include "seg-feature-chooser.h"
#include "seg-pane.h"
#include "seg-presentation.h"
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

G_END_DECLS

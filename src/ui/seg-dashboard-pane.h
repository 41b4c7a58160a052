/* seg-dashboard-pane.h — a scrolling pane of cards that flow in 1–3 columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The base class of the dashboard's panes.  In a pane's .ui file, a
 * <child type="top">, <child type="card"> or <child type="bottom"> goes
 * above the flowing cards, into the flow, or below it, in that order.
 *
 * A pane made with a "window" follows that window: every SegChartCard in
 * its template is bound to it (seg_chart_card_bind_window ()), and its
 * "result" property is the window's result, notified when it changes.
 */
#pragma once

#include <adwaita.h>

#include "seg-analysis.h"

typedef struct _SegWindow SegWindow;

G_BEGIN_DECLS

#define SEG_TYPE_DASHBOARD_PANE (seg_dashboard_pane_get_type ())

G_DECLARE_DERIVABLE_TYPE (SegDashboardPane, seg_dashboard_pane, SEG, DASHBOARD_PANE, AdwBin)

struct _SegDashboardPaneClass
{
  AdwBinClass parent_class;
};

/* The window the pane follows (NULL when made without one). */
SegWindow  *seg_dashboard_pane_get_window (SegDashboardPane *self);
/* The result the pane shows: its window's (NULL while there is none). */
SegResult  *seg_dashboard_pane_get_result (SegDashboardPane *self);
const char *seg_dashboard_pane_get_title (SegDashboardPane *self);
void        seg_dashboard_pane_set_title (SegDashboardPane *self,
                                          const char       *title);
const char *seg_dashboard_pane_get_subtitle (SegDashboardPane *self);
void        seg_dashboard_pane_set_subtitle (SegDashboardPane *self,
                                             const char       *subtitle);
/* Full width, above the flowing cards. */
void        seg_dashboard_pane_add_top   (SegDashboardPane *self,
                                          GtkWidget        *widget);
/* A card in the flow (1–3 columns with the width). */
void        seg_dashboard_pane_add_card  (SegDashboardPane *self,
                                          GtkWidget        *card);
/* TRUE: in a short window the charts of the first row of cards shrink (to
 * no less than 280 px) so that the first screen ends below whole rows. */
void        seg_dashboard_pane_set_fit_first_row (SegDashboardPane *self,
                                                  gboolean          fit);
/* Full width, below the flowing cards. */
void        seg_dashboard_pane_add_bottom (SegDashboardPane *self,
                                           GtkWidget        *widget);
/* A card with a heading, for lists and controls (style class "card"). */
GtkWidget  *seg_dashboard_pane_card_new  (const char *title,
                                          GtkWidget  *child);

G_END_DECLS

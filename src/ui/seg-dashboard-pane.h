/* seg-dashboard-pane.h — a scrolling pane of cards that flow in 1–3 columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SEG_TYPE_DASHBOARD_PANE (seg_dashboard_pane_get_type ())

G_DECLARE_FINAL_TYPE (SegDashboardPane, seg_dashboard_pane, SEG, DASHBOARD_PANE, AdwBin)

GtkWidget *seg_dashboard_pane_new       (const char       *title,
                                         const char       *subtitle);
void       seg_dashboard_pane_set_subtitle (SegDashboardPane *self,
                                            const char       *subtitle);
/* Full width, above the flowing cards. */
void       seg_dashboard_pane_add_top   (SegDashboardPane *self,
                                         GtkWidget        *widget);
/* A card in the flow (1–3 columns with the width). */
void       seg_dashboard_pane_add_card  (SegDashboardPane *self,
                                         GtkWidget        *card);
/* Full width, below the flowing cards. */
void       seg_dashboard_pane_add_bottom (SegDashboardPane *self,
                                          GtkWidget        *widget);
/* A card with a heading, for lists and controls (style class "card"). */
GtkWidget *seg_dashboard_card_new       (const char *title,
                                         GtkWidget  *child);

G_END_DECLS

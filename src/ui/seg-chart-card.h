/* seg-chart-card.h — a dashboard card: title, chart, ⋮ menu (export, copy)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "seg-chart-export.h"
#include "seg-chart-view.h"

G_BEGIN_DECLS

#define SEG_TYPE_CHART_CARD (seg_chart_card_get_type ())
/* SegChartKind as a GEnum, for the "kind" property in .ui files: each
 * kind's nick is its file id of the catalogue ("segment-sizes"). */
#define SEG_TYPE_CHART_KIND (seg_chart_kind_get_type ())

GType         seg_chart_kind_get_type   (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (SegChartCard, seg_chart_card, SEG, CHART_CARD, GtkWidget)

SegChartView *seg_chart_card_get_view   (SegChartCard *self);
/* Follows @window's result and highlight, and its "Colour by" unless the
 * card has a "colour-by" of its own. */
void          seg_chart_card_bind_window (SegChartCard *self,
                                          SegWindow    *window);
SegChartKind  seg_chart_card_get_kind   (SegChartCard *self);
/* Puts @widget (a dropdown, a toggle…) in the header, before the ⋮ menu. */
void          seg_chart_card_add_header_widget (SegChartCard *self,
                                                GtkWidget    *widget);
/* Height of the chart area in pixels (default 320). */
void          seg_chart_card_set_chart_height  (SegChartCard *self,
                                                int           height);

/* Exports the chart as the ⋮ menu does, without a dialog. */
gboolean      seg_chart_card_export_to  (SegChartCard   *self,
                                         const char     *path,
                                         SegChartFormat  format,
                                         int             width,
                                         int             height,
                                         GError        **error);

G_END_DECLS

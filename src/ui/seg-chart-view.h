/* seg-chart-view.h — one chart of the catalogue as a widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws a SegChartKind of a SegResult with seg_dashboard_render () in the light or
 * dark chart style that follows libadwaita, shows the hit-test text as a
 * tooltip and turns a click on an item or a legend entry into the window's
 * linked highlight (win.highlight).
 *
 * The chart is drawn into an image once per result, setting and size, and
 * the snapshot shows that image.  Charts of large results (more customers
 * than the sync limit) are drawn on a worker thread: until the new image is
 * ready the view shows the previous one (or a light placeholder), and a
 * render that a newer change made stale is cancelled.  Hit-tests use the
 * chart the image was drawn from, so hovering never rebuilds it.
 */
#pragma once

#include <gtk/gtk.h>

#include "seg-chart-export.h"
#include "seg-dashboard.h"

G_BEGIN_DECLS

#define SEG_TYPE_CHART_VIEW (seg_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (SegChartView, seg_chart_view, SEG, CHART_VIEW, GtkWidget)

typedef struct _SegWindow SegWindow;

GtkWidget    *seg_chart_view_new           (SegChartKind  kind);
SegChartKind  seg_chart_view_get_kind      (SegChartView *self);
void          seg_chart_view_set_result    (SegChartView *self,
                                            SegResult    *result);
SegResult    *seg_chart_view_get_result    (SegChartView *self);
/* "rules", "rfm", "kmeans"; NULL = the first available (or the window's
 * "Colour by" when the view follows the window). */
void          seg_chart_view_set_colour_by (SegChartView *self,
                                            const char   *method);
/* The segmentation the chart is coloured by now (NULL when none applies). */
const char   *seg_chart_view_get_effective_colour_by (SegChartView *self);
void          seg_chart_view_set_feature   (SegChartView *self,
                                            const char   *feature);
void          seg_chart_view_set_biplot    (SegChartView *self,
                                            gboolean      biplot);
/* The churn threshold of the confusion matrix and the probability
 * histogram (SegChartParams.threshold); NAN = the model's. */
void          seg_chart_view_set_threshold (SegChartView *self,
                                            double        threshold);
/* 1 on screen; 0 = grows with the chart's size (presentation mode). */
void          seg_chart_view_set_scale     (SegChartView *self,
                                            double        scale);
/* TRUE: the view is as tall as its chart needs at its width, with no room
 * left under it (the Overview's key figures; SegChartParams.by_width). */
void          seg_chart_view_set_fit_width (SegChartView *self,
                                            gboolean      fit);
/* Group @group of segmentation @method is highlighted (others fade); views
 * coloured by another segmentation ignore it.  -1 = none. */
void          seg_chart_view_set_highlight (SegChartView *self,
                                            const char   *method,
                                            int           group);
/* Follows @window: its result, its highlight and, when @follow_colour_by,
 * its "Colour by". */
void          seg_chart_view_bind_window   (SegChartView *self,
                                            SegWindow    *window,
                                            gboolean      follow_colour_by);

/* Results with more customers than @customers are drawn on a worker
 * thread; smaller ones during the snapshot (default 2,000; 0 = always on a
 * worker). */
void          seg_chart_view_set_sync_limit (SegChartView *self,
                                             guint64       customers);
/* TRUE when the image on screen is the chart of the current result,
 * settings and size (FALSE while a worker is still drawing it). */
gboolean      seg_chart_view_is_drawn      (SegChartView *self);
/* The image on screen, or NULL (transfer none). */
GdkTexture   *seg_chart_view_get_texture   (SegChartView *self);

/* The parameters the view draws with (valid until the view changes). */
void          seg_chart_view_get_params    (SegChartView   *self,
                                            SegChartParams *params);
/* Draws the chart as it would look on screen, in the light style at @scale
 * (0 = the style Export All uses at that size)
 * (exports use light, like printed reports). */
void          seg_chart_view_draw          (SegChartView *self,
                                            cairo_t      *cr,
                                            double        width,
                                            double        height,
                                            double        scale);
/* Like seg_chart_view_draw(), on a worker thread: into @path in @format… */
void          seg_chart_view_export_async  (SegChartView        *self,
                                            const char          *path,
                                            SegChartFormat       format,
                                            int                  width,
                                            int                  height,
                                            double               scale,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean      seg_chart_view_export_finish (SegChartView        *self,
                                            GAsyncResult        *result,
                                            GError             **error);
/* …or into an image of @width × @height pixels. */
void          seg_chart_view_render_texture_async  (SegChartView        *self,
                                                    int                  width,
                                                    int                  height,
                                                    double               scale,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* Returns: (transfer full): the image, or NULL with @error. */
GdkTexture   *seg_chart_view_render_texture_finish (SegChartView        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* The tooltip text at (@x, @y) of the widget, or NULL (transfer full). */
char         *seg_chart_view_dup_tooltip_at (SegChartView *self,
                                             double        x,
                                             double        y);

/* The keyboard: Left, Right, Up, Down (a row of a heat map), Home and End
 * move between the chart's items as the key controller does; FALSE for
 * other keys. */
gboolean      seg_chart_view_move_focus     (SegChartView *self,
                                             guint         keyval);
/* The item the keyboard is on (-1 = none), its text (the tooltip there;
 * transfer full, NULL without one) and where it is. */
int           seg_chart_view_get_focus_item (SegChartView *self);
char         *seg_chart_view_dup_focus_text (SegChartView *self);
gboolean      seg_chart_view_get_focus_point (SegChartView *self,
                                              double       *x,
                                              double       *y);
/* The accessible description: the chart in words (key figures). */
const char   *seg_chart_view_get_description (SegChartView *self);
/* How many texts the picture on screen drew shortened (ellipsized). */
guint         seg_chart_view_get_n_cut_texts (SegChartView *self);
/* How many texts the picture on screen drew with ink past its edge (a
 * label the edge of the chart, and so of its card, cuts). */
guint         seg_chart_view_get_n_outside_texts (SegChartView *self);

G_END_DECLS

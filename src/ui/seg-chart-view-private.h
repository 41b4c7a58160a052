/* seg-chart-view-private.h — what the files of SegChartView share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * seg-chart-view.c is the widget: the cached image, the snapshot, hover,
 * clicks and the public setters; seg-chart-view-render.c makes the looks
 * and draws them on any thread (screen images and exports);
 * seg-chart-view-keys.c is the keyboard over a chart's items and what the
 * chart says to assistive technologies.  Only these files include it.
 */
#pragma once

#include <adwaita.h>

#include "seg-chart-view.h"
#include "seg-window.h"

G_BEGIN_DECLS

/* Everything a picture of the chart depends on.  Two looks that compare
 * equal draw the same image, so the cached one can be shown. */
typedef struct
{
  SegResult     *result;        /* a reference: keeps the identity unique */
  char          *colour_by;     /* the effective one */
  char          *feature;
  gboolean       biplot;
  double         threshold;
  SegChartTheme  theme;
  double         scale;
  int            highlight;     /* the style's highlight group */
  gboolean       card;          /* on a card (no background) or exported */
  gboolean       fill;          /* on a slide: tables fill the height */
  gboolean       by_width;      /* the KPI row: cards by the width */
  int            width;         /* logical pixels */
  int            height;
  int            scale_factor;
} Look;

/* One drawing of the chart, made on any thread from a look. */
typedef struct
{
  SegChartKind       kind;
  Look               look;
  /* a file export; NULL = an image */
  char              *path;
  SegChartFormat     format;
  /* out */
  GdkTexture        *texture;
  cairo_surface_t   *surface;   /* the texture's pixels, for the cairo renderer */
  SegChartPrepared  *prepared;
  guint              n_cut;     /* texts drawn shortened */
  guint              n_outside; /* texts drawn past the edge */
  char              *description;   /* the chart in words (an image only) */
} RenderJob;

struct _SegChartView
{
  GtkWidget     parent_instance;

  SegChartKind  kind;
  SegResult    *result;
  char         *colour_by;        /* as set, may be NULL */
  char         *feature;
  gboolean      biplot;
  double        threshold;        /* NAN = the model's */
  double        scale;            /* 0 = grows with the size */
  gboolean      fit_width;        /* as tall as the chart needs at its width */
  char         *highlight_method;
  int           highlight;
  guint64       sync_limit;

  /* the image on screen and the chart it was drawn from (for hit-tests) */
  GdkTexture       *texture;
  cairo_surface_t  *surface;        /* the same pixels as a cairo image */
  Look              texture_look;
  SegChartPrepared *prepared;
  guint             n_cut;
  guint             n_outside;
  char             *description;   /* what the accessible description says */
  /* the item the keyboard is on, or -1 */
  int               focus_item;
  /* the render a worker is doing for the current look, if any */
  RenderJob        *pending;
  GCancellable     *pending_cancellable;

  SegWindow    *window;           /* weak */
  gboolean      follow_colour_by;
};

/* seg-chart-view-render.c */
SegChartTheme seg_chart_view_desktop_theme        (void);
void          seg_chart_view_look_init            (SegChartView  *self,
                                                   Look          *look,
                                                   SegChartTheme  theme,
                                                   double         scale,
                                                   gboolean       card,
                                                   int            width,
                                                   int            height,
                                                   int            scale_factor);
void          seg_chart_view_look_init_screen     (SegChartView  *self,
                                                   Look          *look);
void          seg_chart_view_look_clear           (Look          *look);
gboolean      seg_chart_view_look_equal           (const Look    *a,
                                                   const Look    *b,
                                                   gboolean       with_size);
void          seg_chart_view_look_style           (const Look    *look,
                                                   SegChartStyle *style);
void          seg_chart_view_draw_message         (cairo_t             *cr,
                                                   double               width,
                                                   double               height,
                                                   const SegChartStyle *style,
                                                   const char          *text);
RenderJob    *seg_chart_view_render_job_new       (SegChartKind   kind,
                                                   Look          *look);
void          seg_chart_view_render_job_free      (RenderJob     *job);
/* Builds the chart and draws it into an image or a file; FALSE with
 * @error when @cancellable fired first or the file could not be written. */
gboolean      seg_chart_view_render_job_run       (RenderJob     *job,
                                                   GCancellable  *cancellable,
                                                   GError       **error);
void          seg_chart_view_render_in_background (GTask         *task);

/* seg-chart-view-keys.c */
void          seg_chart_view_set_description      (SegChartView  *self,
                                                   char          *text);
void          seg_chart_view_update_accessible_label (SegChartView *self,
                                                      const char   *item_text);
/* The item the keyboard is on, laid out at today's size; FALSE when none. */
gboolean      seg_chart_view_focus_hit            (SegChartView  *self,
                                                   SegChartHit   *hit);
void          seg_chart_view_draw_focus           (SegChartView  *self,
                                                   GtkSnapshot   *snapshot,
                                                   int            width,
                                                   int            height);
void          seg_chart_view_set_focus_item       (SegChartView  *self,
                                                   int            item);
gboolean      seg_chart_view_key_pressed_cb       (GtkEventControllerKey *controller,
                                                   guint                  keyval,
                                                   guint                  keycode,
                                                   GdkModifierType        state,
                                                   SegChartView          *self);
void          seg_chart_view_focus_leave_cb       (SegChartView  *self);

G_END_DECLS

/* test-window-look.c — how the window looks, measured in the real window:
 * a chart's background is its card's in every style (light, dark, high
 * contrast light and dark); the Overview's first screen ends below whole
 * rows of cards, and its key figures leave no empty band under them; the
 * progress bar leaves no room once it has gone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "seg-chart-card.h"
#include "seg-chart-view.h"
#include "seg-dashboard.h"
#include "seg-panes.h"
#include "ui-test-helpers.h"

/* --- frames --------------------------------------------------------------------- */

typedef struct
{
  GtkWidget *window;
  guint      painted;
} Painted;

static void
after_paint_cb (GdkFrameClock *clock,
                Painted       *painted)
{
  painted->painted++;
}

static gboolean
painted_and_drawn (gpointer data)
{
  Painted *painted = data;

  return painted->painted > 0 && ui_charts_drawn (painted->window);
}

/* Waits until a frame has been laid out and painted after now, and every
 * mapped chart has drawn at its size in the style of now. */
static void
wait_frame (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  Painted painted = { window, 0 };
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_resize (window);
  g_assert_true (ui_wait_until (painted_and_drawn, &painted, 30));
  g_signal_handler_disconnect (clock, id);
}

/* --- pixels --------------------------------------------------------------------- */

typedef struct
{
  int      width, height;
  gsize    stride;
  guint8  *data;   /* premultiplied BGRA (GDK_MEMORY_DEFAULT) */
} Pixels;

static void
pixels_clear (Pixels *p)
{
  g_clear_pointer (&p->data, g_free);
}

/* @widget as drawn on screen, by the window's own renderer: its border box
 * @box (in its parent's coordinates) at (0, 0) of the pixels. */
static void
grab (GtkWidget             *widget,
      const graphene_rect_t *box,
      Pixels                *p)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  /* the parent draws the child with its CSS box where it lies */
  gtk_widget_snapshot_child (gtk_widget_get_parent (widget), widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, box);
  p->width = gdk_texture_get_width (texture);
  p->height = gdk_texture_get_height (texture);
  p->stride = (gsize) p->width * 4;
  p->data = g_malloc (p->stride * p->height);
  gdk_texture_download (texture, p->data, p->stride);
}

static guint32
pixel_at (const Pixels *p,
          double        x,
          double        y)
{
  int ix = CLAMP ((int) x, 0, p->width - 1), iy = CLAMP ((int) y, 0, p->height - 1);
  const guint8 *px = p->data + iy * p->stride + 4 * ix;

  return (guint32) px[2] << 16 | (guint32) px[1] << 8 | px[0];
}

static int
colour_distance (guint32 a,
                 guint32 b)
{
  int d = 0;

  for (int shift = 0; shift <= 16; shift += 8)
    d = MAX (d, ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)));
  return d;
}

/* --- finding cards -------------------------------------------------------------- */

static gboolean
card_of_kind (GtkWidget *widget,
              gpointer   kind)
{
  return gtk_widget_get_mapped (widget) &&
         seg_chart_view_get_kind (seg_chart_card_get_view (SEG_CHART_CARD (widget))) == GPOINTER_TO_UINT (kind);
}

static GtkWidget *
find_card (SegWindow    *window,
           SegChartKind  kind)
{
  GtkWidget *card = ui_find_widget (GTK_WIDGET (window), SEG_TYPE_CHART_CARD, card_of_kind,
                                    GUINT_TO_POINTER (kind));

  g_assert_nonnull (card);
  return card;
}

static SegWindow *
overview_window (SegApplication **app,
                 int              width,
                 int              height)
{
  SegWindow *window = ui_fintech_window (app, width, height);

  seg_window_show_pane (window, "overview");
  wait_frame (GTK_WIDGET (window));
  return window;
}

/* --- the chart's background is its card's, in every style -------------------------- */

typedef struct
{
  gboolean dark, high_contrast;
} Look;

static gboolean
style_is (gpointer data)
{
  const Look *look = data;
  AdwStyleManager *sm = adw_style_manager_get_default ();

  return adw_style_manager_get_dark (sm) == look->dark &&
         adw_style_manager_get_high_contrast (sm) == look->high_contrast;
}

static void
set_look (const Look *look)
{
  /* libadwaita reads high contrast from the desktop's a11y settings (no
   * portal runs in the tests; the memory backend notifies at once) */
  g_autoptr(GSettings) a11y = g_settings_new ("org.gnome.desktop.a11y.interface");

  g_settings_set_boolean (a11y, "high-contrast", look->high_contrast);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      look->dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_true (ui_wait_until (style_is, (gpointer) look, 10));
}

static void
test_chart_follows_card (void)
{
  static const Look looks[] = { { FALSE, FALSE }, { TRUE, FALSE }, { FALSE, TRUE }, { TRUE, TRUE } };
  static const SegChartKind kinds[] = { SEG_CHART_KPIS, SEG_CHART_SEGMENT_SIZES, SEG_CHART_PCA_SCATTER };
  SegApplication *app;
  SegWindow *window = overview_window (&app, 1280, 860);

  for (guint l = 0; l < G_N_ELEMENTS (looks); l++)
    {
      set_look (&looks[l]);
      wait_frame (GTK_WIDGET (window));
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          GtkWidget *card = find_card (window, kinds[k]);
          GtkWidget *view = GTK_WIDGET (seg_chart_card_get_view (SEG_CHART_CARD (card)));
          Pixels p = { 0 };
          graphene_rect_t v, c;
          guint32 card_bg, chart_bg;

          /* the card's border box and the chart's, where the card's
           * parent draws them */
          g_assert_true (gtk_widget_compute_bounds (card, gtk_widget_get_parent (card), &c));
          g_assert_true (gtk_widget_compute_bounds (view, gtk_widget_get_parent (card), &v));
          g_assert_cmpfloat (v.origin.x - c.origin.x, >=, 6);
          grab (card, &c, &p);
          /* the card's own padding, left of the chart, and the chart's
           * top left corner (no title, axis or mark reaches it) */
          card_bg = pixel_at (&p, (v.origin.x - c.origin.x) / 2, v.origin.y - c.origin.y + v.size.height / 2);
          chart_bg = pixel_at (&p, v.origin.x - c.origin.x + 2, v.origin.y - c.origin.y + 2);
          if (g_test_verbose ())
            g_test_message ("%s%s, %s: card #%06x, chart #%06x", looks[l].high_contrast ? "high contrast " : "",
                            looks[l].dark ? "dark" : "light", seg_chart_kind_id (kinds[k]), card_bg, chart_bg);
          if (colour_distance (card_bg, chart_bg) > 4)
            g_error ("%s%s style: the %s chart is #%06x on a #%06x card", looks[l].high_contrast ? "high contrast " : "",
                     looks[l].dark ? "dark" : "light", seg_chart_kind_id (kinds[k]), chart_bg, card_bg);
          pixels_clear (&p);
        }
    }
  set_look (&looks[0]);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  ui_close_window (window, app);
}

/* --- the Overview's first screen --------------------------------------------------- */

typedef struct
{
  SegWindow *window;
  gboolean   whole;   /* the first screen must end below whole cards */
  GString   *why;     /* what is wrong, for the message */
} FirstScreen;

static gboolean
mapped_widget (GtkWidget *widget,
               gpointer   data)
{
  return gtk_widget_get_mapped (widget);
}

static void
check_cards (GtkWidget *widget,
             GtkWidget *scrolled,
             int        viewport_h,
             GString   *why)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (gtk_widget_has_css_class (widget, "card"))
    {
      graphene_rect_t b;

      g_assert_true (gtk_widget_compute_bounds (widget, scrolled, &b));
      /* a card that starts on the first screen ends on it */
      if (b.origin.y < viewport_h && b.origin.y + b.size.height > viewport_h + 0.5)
        g_string_append_printf (why, "a card from y %g to %g is cut at %d; ", b.origin.y,
                                b.origin.y + b.size.height, viewport_h);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    check_cards (c, scrolled, viewport_h, why);
}

/* Every card the first screen shows starts and ends on it (when @whole),
 * and the key figures' chart has no empty band under its figures. */
static gboolean
first_screen_whole (gpointer data)
{
  FirstScreen *f = data;
  GtkWidget *pane = ui_find_widget (GTK_WIDGET (f->window), SEG_TYPE_DASHBOARD_PANE, mapped_widget, NULL);
  GtkWidget *scrolled = pane ? ui_find_widget (pane, GTK_TYPE_SCROLLED_WINDOW, NULL, NULL) : NULL;
  GtkWidget *kpis = find_card (f->window, SEG_CHART_KPIS);
  SegChartView *view = seg_chart_card_get_view (SEG_CHART_CARD (kpis));
  int w = gtk_widget_get_width (GTK_WIDGET (view)), h = gtk_widget_get_height (GTK_WIDGET (view));
  g_autofree char *low = NULL;

  g_string_truncate (f->why, 0);
  if (scrolled == NULL || !ui_charts_drawn (pane))
    {
      g_string_append (f->why, "the Overview is not drawn; ");
      return FALSE;
    }
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled))),
                     ==, 0);
  if (f->whole)
    check_cards (pane, scrolled, gtk_widget_get_height (scrolled), f->why);
  /* the first figure's card reaches down to the chart's bottom edge */
  low = seg_chart_view_dup_tooltip_at (view, w / 12.0, h - 6);
  if (low == NULL)
    g_string_append_printf (f->why, "the key figures leave an empty band at the foot of their %d px; ", h);
  return f->why->len == 0;
}

static void
check_first_screen (SegWindow *window,
                    int        width,
                    int        height,
                    gboolean   whole)
{
  FirstScreen f = { window, whole, g_string_new (NULL) };

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  wait_frame (GTK_WIDGET (window));
  if (!ui_wait_until (first_screen_whole, &f, 20))
    g_error ("the Overview at %d×%d: %s", width, height, f.why->str);
  /* the charts of the first row draw every label whole */
  g_assert_cmpuint (seg_chart_view_get_n_cut_texts (seg_chart_card_get_view (SEG_CHART_CARD (
                      find_card (window, SEG_CHART_SEGMENT_SIZES)))), ==, 0);
  g_string_free (f.why, TRUE);
}

static void
test_overview_first_screen (void)
{
  SegApplication *app;
  SegWindow *window = overview_window (&app, 1024, 700);

  /* the smallest window the app is made for ends below the first row of
   * charts; larger ones show the next row's start, as a page does */
  check_first_screen (window, 1024, 700, TRUE);
  /* a shorter one too: there the first row's charts are made shorter to
   * fit (at 400 px a card would be cut at about 583) */
  check_first_screen (window, 1024, 640, TRUE);
  check_first_screen (window, 1280, 860, FALSE);
  check_first_screen (window, 1920, 1080, FALSE);
  ui_close_window (window, app);
}

/* --- the progress bar ------------------------------------------------------------ */

/* Under the cairo renderer the bar appears and goes without its slide
 * (each frame of the slide lays out the whole pane): gone, it takes no
 * room, which GTK 4.8's revealer keeps with the transition "none". */
static void
test_progress_bar_gone (void)
{
  SegApplication *app;
  SegWindow *window = overview_window (&app, 1024, 700);
  GtkWidget *bar = ui_find_named (GTK_WIDGET (window), "progress");
  GtkWidget *pane = ui_find_widget (GTK_WIDGET (window), SEG_TYPE_DASHBOARD_PANE, mapped_widget, NULL);
  graphene_rect_t b;

  g_assert_nonnull (bar);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (bar)));
  g_assert_cmpint (gtk_widget_get_height (bar), ==, 0);
  /* the pane starts right under the header bar */
  g_assert_true (gtk_widget_compute_bounds (pane, GTK_WIDGET (bar), &b));
  g_assert_cmpfloat (b.origin.y, ==, 0);
  if (GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (GTK_NATIVE (window))))
    g_assert_cmpuint (gtk_revealer_get_transition_duration (GTK_REVEALER (bar)), ==, 0);
  ui_close_window (window, app);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return g_test_run ();
  g_test_add_func ("/window-look/chart-follows-card", test_chart_follows_card);
  g_test_add_func ("/window-look/overview-first-screen", test_overview_first_screen);
  g_test_add_func ("/window-look/progress-bar-gone", test_progress_bar_gone);
  return g_test_run ();
}

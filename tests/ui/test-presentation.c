/* test-presentation.c — the slides (F5) at projector sizes: the story is
 * there (personas, actions, top customers) and no text is cut
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "seg-chart-view.h"
#include "seg-panes.h"
#include "seg-presentation.h"
#include "ui-test-helpers.h"

typedef struct
{
  GtkWidget *win;
  int        width, height;
} Sized;

static gboolean
presentation_sized (gpointer data)
{
  Sized *s = data;
  return gtk_widget_get_mapped (s->win) && gtk_widget_get_width (s->win) == s->width &&
         gtk_widget_get_height (s->win) == s->height;
}

/* The screen of the test's X server may be smaller than the projector's:
 * the window is held at the size by its content. */
static void
present_at (GtkWidget *win,
            Sized     *sized)
{
  gtk_window_unfullscreen (GTK_WINDOW (win));
  gtk_window_set_default_size (GTK_WINDOW (win), sized->width, sized->height);
  gtk_widget_set_size_request (adw_window_get_content (ADW_WINDOW (win)), sized->width, sized->height);
  gtk_window_present (GTK_WINDOW (win));
  if (!ui_wait_until (presentation_sized, sized, 20))
    g_error ("the presentation is %d×%d, not %d×%d", gtk_widget_get_width (win), gtk_widget_get_height (win),
             sized->width, sized->height);
}

/* A slide is shown once the stack's page for it is mapped with a size and
 * a frame has been painted since (the frame clock lays out before it
 * paints), and its charts have drawn at that size. */
typedef struct
{
  GtkWidget *win;
  guint      painted;
} Shown;

static void
after_paint_cb (GdkFrameClock *clock,
                Shown         *shown)
{
  shown->painted++;
}

static gboolean
slide_laid_out (gpointer data)
{
  Shown *shown = data;
  GtkStack *stack = GTK_STACK (ui_find_widget (shown->win, GTK_TYPE_STACK, NULL, NULL));
  GtkWidget *page = gtk_stack_get_visible_child (stack);

  return shown->painted > 0 && page != NULL && gtk_widget_get_mapped (page) && gtk_widget_get_width (page) > 0 &&
         gtk_widget_get_height (page) > 0 && ui_charts_drawn (page);
}

static void
show_and_wait (GtkWidget *win,
               guint      index)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (win);
  Shown shown = { win, 0 };
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &shown);
  seg_presentation_show_slide (win, index);
  gtk_widget_queue_draw (win);
  if (!ui_wait_until (slide_laid_out, &shown, 30))
    g_error ("slide %s was not laid out and drawn", seg_presentation_get_slide_id (win, index));
  g_signal_handler_disconnect (clock, id);
}

/* While taking screenshots, every problem is listed rather than the first. */
#define cut_error(...) \
  G_STMT_START { \
    if (g_getenv ("SEG_TEST_SHOT_DIR") != NULL) \
      g_printerr (__VA_ARGS__), g_printerr ("\n"); \
    else \
      g_error (__VA_ARGS__); \
  } G_STMT_END

typedef struct
{
  guint labels;
  guint charts;
  guint words;      /* characters of label text */
} Seen;

/* No label is ellipsized or taller than the room it got, nothing lies
 * outside the window, and no chart drew a label shortened. */
static void
check_nothing_cut (GtkWidget  *widget,
                   GtkWidget  *win,
                   const char *slide,
                   Seen       *seen)
{
  graphene_rect_t b;

  /* tooltips and popovers are windows of their own */
  if (!gtk_widget_get_mapped (widget) || (widget != win && GTK_IS_NATIVE (widget)))
    return;
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)))
    {
      GtkLabel *label = GTK_LABEL (widget);
      PangoLayout *layout = gtk_label_get_layout (label);
      int text_w, text_h;

      if (pango_layout_is_ellipsized (layout))
        cut_error ("slide %s: “%s” is ellipsized", slide, gtk_label_get_text (label));
      /* the text as laid out at the label's width fits in the label */
      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      if (text_h > gtk_widget_get_height (widget) + 1 || text_w > gtk_widget_get_width (widget) + 1)
        cut_error ("slide %s: “%s” needs %d×%d px, has %d×%d", slide, gtk_label_get_text (label), text_w, text_h,
                 gtk_widget_get_width (widget), gtk_widget_get_height (widget));
      seen->labels++;
      seen->words += (guint) g_utf8_strlen (gtk_label_get_text (label), -1);
    }
  if (SEG_IS_CHART_VIEW (widget))
    {
      SegChartView *view = SEG_CHART_VIEW (widget);
      g_assert_true (seg_chart_view_is_drawn (view));
      if (seg_chart_view_get_n_cut_texts (view) != 0)
        cut_error ("slide %s: the chart “%s” cut %u labels short", slide,
                 seg_chart_kind_title (seg_chart_view_get_kind (view)), seg_chart_view_get_n_cut_texts (view));
      seen->charts++;
    }
  g_assert_true (gtk_widget_compute_bounds (widget, win, &b));
  if (widget != win &&
      (b.origin.x < -0.5 || b.origin.y < -0.5 || b.origin.x + b.size.width > gtk_widget_get_width (win) + 0.5 ||
       b.origin.y + b.size.height > gtk_widget_get_height (win) + 0.5))
    cut_error ("slide %s: a %s lies outside the window (%g,%g %g×%g)", slide, G_OBJECT_TYPE_NAME (widget),
             b.origin.x, b.origin.y, b.size.width, b.size.height);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    check_nothing_cut (c, win, slide, seen);
}

/* The lowest edge of a mapped widget with @css_class, and how many. */
static double
lowest_with_class (GtkWidget  *widget,
                   GtkWidget  *win,
                   const char *css_class,
                   guint      *n)
{
  double low = 0;

  if (!gtk_widget_get_mapped (widget))
    return 0;
  if (gtk_widget_has_css_class (widget, css_class))
    {
      graphene_rect_t b;

      g_assert_true (gtk_widget_compute_bounds (widget, win, &b));
      low = b.origin.y + b.size.height;
      (*n)++;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    low = MAX (low, lowest_with_class (c, win, css_class, n));
  return low;
}

static gboolean
has_class_inside (GtkWidget  *widget,
                  const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (has_class_inside (c, css_class))
      return TRUE;
  return FALSE;
}

/* Mapped persona cards, and how many of them say what sets them apart. */
static void
count_personas (GtkWidget *widget,
                guint     *cards,
                guint     *with_traits)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (gtk_widget_has_css_class (widget, "slide-persona"))
    {
      (*cards)++;
      *with_traits += has_class_inside (widget, "slide-traits");
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    count_personas (c, cards, with_traits);
}

static gboolean
is_table (GtkWidget *widget,
          gpointer   data)
{
  return gtk_widget_get_mapped (widget) &&
         seg_chart_view_get_kind (SEG_CHART_VIEW (widget)) == SEG_CHART_SEGMENT_TABLE;
}

/* The segment table fills its card for the projector: its rows share the
 * card's height, so the last segment's row reaches the card's lower part
 * (it sat in the upper half before). */
static void
check_table_fills (GtkWidget  *win,
                   const char *where)
{
  SegChartView *view = SEG_CHART_VIEW (ui_find_widget (win, SEG_TYPE_CHART_VIEW, is_table, NULL));
  SegWindow *window = SEG_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (win)));
  const SegSegmentation *rules = seg_result_get_segmentation (seg_window_get_result (window), "rules");
  int w = gtk_widget_get_width (GTK_WIDGET (view)), h = gtk_widget_get_height (GTK_WIDGET (view));
  g_autofree char *low = NULL;
  g_autofree char *last = NULL;

  g_assert_nonnull (rules);
  g_assert_cmpuint (rules->n_segments, >=, 2);
  /* the card itself fills the slide below the title */
  g_assert_cmpint (h, >=, gtk_widget_get_height (win) / 2);
  low = seg_chart_view_dup_tooltip_at (view, w / 2.0, 0.85 * h);
  if (low == NULL)
    cut_error ("slide %s: the table leaves the lower part of its card empty", where);
  else
    {
      last = g_strdup_printf ("Segment: %s\n", rules->segments[rules->n_segments - 1].name);
      g_assert_true (g_str_has_prefix (low, last));
    }
}

static gboolean
has_slide (GtkWidget  *win,
           const char *id)
{
  for (guint i = 0; i < seg_presentation_get_n_slides (win); i++)
    if (g_str_equal (seg_presentation_get_slide_id (win, i), id))
      return TRUE;
  return FALSE;
}

static void
check_size (SegWindow *window,
            int        width,
            int        height)
{
  GtkWidget *win = seg_presentation_new (window);
  Sized sized = { win, width, height };
  guint n;

  present_at (win, &sized);

  /* the story: who the customers are, what to do, who matters most */
  g_assert_true (has_slide (win, "overview"));
  g_assert_true (has_slide (win, "personas"));
  g_assert_true (has_slide (win, "actions"));
  g_assert_true (has_slide (win, "top-customers"));
  g_assert_true (has_slide (win, "segments"));
  n = seg_presentation_get_n_slides (win);
  g_assert_cmpuint (n, >=, 8);

  for (guint i = 0; i < n; i++)
    {
      const char *id = seg_presentation_get_slide_id (win, i);
      g_autofree char *where = g_strdup_printf ("%s at %d×%d", id, width, height);
      Seen seen = { 0 };

      show_and_wait (win, i);
      {
        g_autofree char *shot = g_strdup_printf ("slide-%dx%d-%u-%s", width, height, i + 1, id);
        ui_shoot (shot, width, height);
      }
      check_nothing_cut (win, win, where, &seen);
      /* a slide says something: a title and a message, and its content */
      g_assert_cmpuint (seen.labels, >=, 2);
      /* the persona cards fill the slide for the projector, not its top
       * half, and each says what sets its customers apart */
      if (g_str_equal (id, "personas"))
        {
          guint cards = 0, traits = 0, unused = 0;

          g_assert_cmpfloat (lowest_with_class (win, win, "slide-persona", &unused), >=, 0.9 * height);
          count_personas (win, &cards, &traits);
          if (g_test_verbose ())
            g_test_message ("%s: %u persona cards, %u with traits", where, cards, traits);
          g_assert_cmpuint (cards, >=, 2);
          g_assert_cmpuint (traits, ==, cards);
        }
      if (g_str_equal (id, "segments"))
        check_table_fills (win, where);
      /* the actions and the top customers fill the slide too */
      if (g_str_equal (id, "actions") || g_str_equal (id, "top-customers"))
        {
          guint cards = 0;
          double low = lowest_with_class (win, win, "slide-card", &cards);

          g_assert_cmpuint (cards, >=, 1);
          if (low < 0.9 * height)
            cut_error ("slide %s: its cards end at %g, the slide's lower part is empty", where, low);
        }
      if (g_str_equal (id, "personas") || g_str_equal (id, "actions") || g_str_equal (id, "top-customers"))
        g_assert_cmpuint (seen.words, >, 120);
      else
        g_assert_cmpuint (seen.charts, >=, 1);
      if (g_test_verbose ())
        g_test_message ("%s: %u labels, %u charts", where, seen.labels, seen.charts);
    }
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_projector_sizes (void)
{
  SegApplication *app;
  SegWindow *window = ui_fintech_window (&app, 0, 0);

  check_size (window, 1920, 1080);
  check_size (window, 1024, 768);
  ui_close_window (window, app);
}

/* The personas slide names each k-means persona with its size, and the
 * actions slide puts each persona's recommended action on screen. */
static gboolean
find_text (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (find_text (c, text))
      return TRUE;
  return FALSE;
}

static void
test_story (void)
{
  SegApplication *app;
  SegWindow *window = ui_fintech_window (&app, 0, 0);
  const SegSegmentation *kmeans = seg_result_get_kmeans (seg_window_get_result (window));
  GtkWidget *win;
  Sized sized;

  g_assert_nonnull (kmeans);
  g_assert_cmpuint (kmeans->n_segments, >=, 2);
  win = seg_presentation_new (window);
  sized = (Sized) { win, 1280, 800 };
  present_at (win, &sized);
  for (guint i = 0; i < seg_presentation_get_n_slides (win); i++)
    {
      const char *id = seg_presentation_get_slide_id (win, i);
      show_and_wait (win, i);
      for (guint s = 0; s < kmeans->n_segments; s++)
        {
          g_autofree char *count = g_strdup_printf ("%u customers", kmeans->segments[s].customers);
          if (g_str_equal (id, "personas"))
            {
              g_assert_true (find_text (win, seg_window_get_persona_name (window, s)));
              g_assert_true (find_text (win, count));
            }
          if (g_str_equal (id, "actions"))
            g_assert_true (find_text (win, seg_window_get_persona_action (window, s)));
        }
      if (g_str_equal (id, "actions"))
        g_assert_true (find_text (win, "Act first on"));
      if (g_str_equal (id, "top-customers"))
        {
          g_assert_true (find_text (win, "Customer"));
          g_assert_true (find_text (win, "Lifetime value"));
        }
    }
  /* the arrows turn the slides */
  seg_presentation_show_slide (win, 0);
  g_assert_cmpuint (seg_presentation_get_current (win), ==, 0);
  gtk_window_destroy (GTK_WINDOW (win));
  ui_close_window (window, app);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

/* "window", "n-slides" and "current" are properties: "current" is
 * notified when another slide is shown, and a new result keeps the slide
 * the audience is on. */
static void
test_properties (void)
{
  SegApplication *app;
  SegWindow *window = ui_fintech_window (&app, 0, 0);
  GtkWidget *win = seg_presentation_new (window);
  SegWindow *of = NULL;
  guint n = 0, current = 0, notified = 0;
  g_autofree char *id = NULL;

  g_object_get (win, "window", &of, "n-slides", &n, NULL);
  g_assert_true (of == window);
  g_object_unref (of);
  g_assert_cmpuint (n, ==, seg_presentation_get_n_slides (win));
  g_assert_cmpuint (n, >=, 8);
  g_signal_connect (win, "notify::current", G_CALLBACK (count_cb), &notified);
  g_object_set (win, "current", 2u, NULL);
  g_object_get (win, "current", &current, NULL);
  g_assert_cmpuint (current, ==, 2);
  g_assert_cmpuint (seg_presentation_get_current (win), ==, 2);
  g_assert_cmpuint (notified, ==, 1);
  /* the same slide again is no change */
  seg_presentation_show_slide (win, 2);
  g_assert_cmpuint (notified, ==, 1);

  id = g_strdup (seg_presentation_get_slide_id (win, 2));
  seg_window_set_k (window, 2);
  g_assert_true (ui_wait_until (ui_window_settled, window, 60));
  g_assert_cmpstr (seg_presentation_get_slide_id (win, seg_presentation_get_current (win)), ==, id);
  gtk_window_destroy (GTK_WINDOW (win));
  seg_window_set_k (window, 0);
  g_assert_true (ui_wait_until (ui_window_settled, window, 60));
  ui_close_window (window, app);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return g_test_run ();
  g_test_add_func ("/ui/presentation/projector-sizes", test_projector_sizes);
  g_test_add_func ("/ui/presentation/story", test_story);
  g_test_add_func ("/ui/presentation/properties", test_properties);
  return g_test_run ();
}

/* seg-presentation.c — presentation mode: full screen, one message a slide
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The slides tell the story of the analysis in the order a meeting needs
 * it: the key figures, who the customers are (personas with their sizes and
 * figures), which segment to act on first (the recommended actions, the
 * most valuable at risk first), the top customers, then the charts behind
 * them, one chart a slide.  Type grows with the screen, text wraps and is
 * never shortened, and slides without data for them are left out.
 */
#define G_LOG_DOMAIN "seg-presentation"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "seg-format.h"
#include "seg-panes.h"
#include "seg-presentation.h"
#include "seg-ui-format.h"

#define TOP_CUSTOMERS 10

typedef enum
{
  SLIDE_OVERVIEW,
  SLIDE_PERSONAS,
  SLIDE_ACTIONS,
  SLIDE_TOP_CUSTOMERS,
  SLIDE_CHART,
} SlideKind;

typedef struct
{
  const char   *id;
  const char   *title;
  SlideKind     kind;
  SegChartKind  chart;          /* SLIDE_CHART and SLIDE_OVERVIEW (under the KPIs) */
  const char   *colour_by;      /* NULL = the window's */
  const char   *pane;           /* the window pane this slide presents */
} Slide;

static const Slide all_slides[] = {
  { "overview", N_("The customers at a glance"), SLIDE_OVERVIEW, SEG_CHART_KPIS, NULL, "overview" },
  { "sizes", N_("How the customers divide"), SLIDE_CHART, SEG_CHART_SEGMENT_SIZES, NULL, NULL },
  { "personas", N_("Who the customers are"), SLIDE_PERSONAS, 0, NULL, "clusters" },
  { "actions", N_("Which segment to act on"), SLIDE_ACTIONS, 0, NULL, NULL },
  { "top-customers", N_("Top customers"), SLIDE_TOP_CUSTOMERS, 0, NULL, NULL },
  { "segments", N_("Segments side by side"), SLIDE_CHART, SEG_CHART_SEGMENT_TABLE, "rules", "segments" },
  { "rfm", N_("Customers by recency, frequency and spend"), SLIDE_CHART, SEG_CHART_RFM_SIZES, "rfm", "rfm" },
  { "profiles", N_("What sets the clusters apart"), SLIDE_CHART, SEG_CHART_PROFILE_HEATMAP, "kmeans", NULL },
  { "churn", N_("Where customers are leaving"), SLIDE_CHART, SEG_CHART_CHURN_BY_SEGMENT, NULL, "churn" },
  { "value", N_("Where the value is"), SLIDE_CHART, SEG_CHART_CLV_BY_SEGMENT, NULL, NULL },
};

struct _SegPresentation
{
  AdwWindow   parent_instance;

  GtkStack   *stack;
  GtkLabel   *title_label;
  GtkLabel   *message_label;
  GtkLabel   *position_label;

  SegWindow  *window;          /* weak */
  GPtrArray  *shown;           /* const Slide *, the slides of this result */
  GPtrArray  *messages;        /* char *, one per shown slide */
  guint       current;
  int         font_for_height;
};

G_DEFINE_FINAL_TYPE (SegPresentation, seg_presentation, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_WINDOW,
  PROP_N_SLIDES,
  PROP_CURRENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- words and figures --------------------------------------------------------- */

/* The segmentation the story is told with: the k-means personas when they
 * ran, else the window's colour-by. */
static const SegSegmentation *
story_segmentation (SegWindow   *window,
                    SegResult   *result,
                    const char **method)
{
  const SegSegmentation *seg = seg_result_get_kmeans (result);

  *method = "kmeans";
  if (seg != NULL && seg->n_segments > 0)
    return seg;
  *method = seg_window_get_colour_by (window);
  seg = *method ? seg_result_get_segmentation (result, *method) : NULL;
  if (seg == NULL)
    {
      SegChartParams params;
      seg_chart_params_init (&params);
      seg = seg_dashboard_colour_segmentation (result, &params, method);
    }
  return seg != NULL && seg->n_segments > 0 ? seg : NULL;
}

static const char *
segment_name (SegWindow             *window,
              const SegSegmentation *seg,
              const char            *method,
              guint                  i)
{
  const char *name = g_str_equal (method, "kmeans") ? seg_window_get_persona_name (window, i) : NULL;

  return name != NULL && *name ? name : seg->segments[i].name;
}

static const char *
segment_action (SegWindow  *window,
                const char *method,
                guint       i)
{
  const char *action = g_str_equal (method, "kmeans") ? seg_window_get_persona_action (window, i) : NULL;

  return action != NULL && *action ? action : NULL;
}

static char *
format_money (double v)
{
  return seg_format_currency (v, NULL, FALSE, TRUE);
}

static char *
format_share (double fraction)
{
  return seg_format_percent (fraction, 0);
}

static GtkWidget *
text_label (const char *text,
            const char *css_class,
            float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  /* on a projector nothing is shortened: long text wraps */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
slide_card (void)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "slide-card");
  return card;
}

/* "Average spend  1.2k" as a line of a card. */
static void
add_figure (GtkWidget  *card,
            const char *label,
            char       *value)   /* takes it */
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *l = text_label (label, "slide-figure-label", 0);
  GtkWidget *v = text_label (value, "slide-figure-value", 1);

  gtk_widget_set_hexpand (l, TRUE);
  gtk_box_append (GTK_BOX (row), l);
  gtk_box_append (GTK_BOX (row), v);
  gtk_box_append (GTK_BOX (card), row);
  g_free (value);
}

typedef struct
{
  const SegBySegment *churn;
  const SegBySegment *clv;
} SegmentFigures;

static void
segment_figures (SegResult      *result,
                 const char     *method,
                 SegmentFigures *f)
{
  const SegChurn *churn = seg_result_get_churn (result);
  const SegClv *clv = seg_result_get_clv (result);

  f->churn = churn ? seg_churn_get_by (churn, method) : NULL;
  f->clv = clv ? seg_clv_get_by (clv, method) : NULL;
  if (f->churn && f->churn->n_segments == 0)
    f->churn = NULL;
  if (f->clv && f->clv->n_segments == 0)
    f->clv = NULL;
}

/* --- the slides of widgets ------------------------------------------------------ */

/* What sets segment @i apart, in words: the (at most three) features
 * furthest from the average of all customers, in standard deviations,
 * when they are at least 0.3 away.  NULL when nothing stands out. */
static int
farther_first (gconstpointer a,
               gconstpointer b,
               gpointer      z)
{
  double za = fabs (((const double *) z)[*(const guint *) a]);
  double zb = fabs (((const double *) z)[*(const guint *) b]);

  return za > zb ? -1 : za < zb ? 1 : 0;
}

static char *
standing_out (SegResult        *result,
              const SegSegment *s)
{
  g_autoptr(GArray) far = g_array_new (FALSE, FALSE, sizeof (guint));
  guint order[3], n;
  GString *text;

  if (s->z == NULL)
    return NULL;
  for (guint j = 0; j < seg_result_get_n_numeric (result); j++)
    if (isfinite (s->z[j]) && fabs (s->z[j]) >= 0.3)
      g_array_append_val (far, j);
  g_array_sort_with_data (far, farther_first, s->z);
  n = MIN (far->len, G_N_ELEMENTS (order));
  for (guint k = 0; k < n; k++)
    order[k] = g_array_index (far, guint, k);
  if (n == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint k = 0; k < n; k++)
    {
      double z = s->z[order[k]];
      g_autofree char *name = seg_dashboard_column_label (seg_result_get_numeric_name (result, order[k]));
      g_autofree char *line = NULL;

      if (z >= 1)
        /* Translators: a feature of a persona on a slide, e.g. "Total spend: well above average" */
        line = g_strdup_printf (_("%s: well above average"), name);
      else if (z > 0)
        line = g_strdup_printf (_("%s: above average"), name);
      else if (z > -1)
        line = g_strdup_printf (_("%s: below average"), name);
      else
        line = g_strdup_printf (_("%s: well below average"), name);
      g_string_append_printf (text, "%s%s", k > 0 ? "\n" : "", line);
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
persona_card (SegWindow             *window,
              SegResult             *result,
              const SegSegmentation *seg,
              const char            *method,
              const SegmentFigures  *f,
              guint                  i)
{
  const SegSegment *s = &seg->segments[i];
  GtkWidget *card = slide_card ();
  g_autofree char *count = seg_ui_format_count (s->customers);
  g_autofree char *share = format_share (s->share);
  /* Translators: a persona's size, e.g. "79 customers · 40 %" */
  g_autofree char *size = g_strdup_printf (_("%s customers · %s"), count, share);

  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);
  GtkWidget *room = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_add_css_class (card, "slide-persona");
  gtk_box_append (GTK_BOX (card), text_label (segment_name (window, seg, method, i), "slide-card-title", 0));
  gtk_box_append (GTK_BOX (card), text_label (size, "slide-card-size", 0));
  /* the share as a bar, seen from the back of the room */
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (s->share, 0, 1));
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_add_css_class (bar, "slide-share");
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, size, -1);
  gtk_box_append (GTK_BOX (card), bar);
  /* the figures sit at the foot of a card as tall as its share of the slide */
  gtk_widget_set_vexpand (room, TRUE);
  gtk_box_append (GTK_BOX (card), room);
  {
    g_autofree char *traits = standing_out (result, s);

    if (traits != NULL)
      {
        GtkWidget *l = text_label (traits, "slide-traits", 0);

        gtk_widget_set_valign (l, GTK_ALIGN_CENTER);
        gtk_widget_set_vexpand (l, TRUE);
        gtk_box_append (GTK_BOX (room), l);
      }
  }
  if (isfinite (s->avg_spent))
    add_figure (card, _("Average spend"), format_money (s->avg_spent));
  if (f->clv && i < f->clv->n_segments && isfinite (f->clv->avg_clv[i]))
    add_figure (card, _("Average lifetime value"), format_money (f->clv->avg_clv[i]));
  if (f->churn && i < f->churn->n_segments && isfinite (f->churn->churn_rate[i]))
    add_figure (card, _("Churn rate"), format_share (f->churn->churn_rate[i]));
  return card;
}

/* Cards in rows of @columns, all the same size. */
static GtkWidget *
card_grid (guint n)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_row_homogeneous (GTK_GRID (grid), TRUE);
  gtk_widget_set_valign (grid, GTK_ALIGN_START);
  return grid;
}

static guint
grid_columns (guint n)
{
  return n <= 3 ? MAX (n, 1u) : n <= 4 ? 2 : n <= 6 ? 3 : 4;
}

static GtkWidget *
personas_page (SegWindow   *window,
               SegResult   *result,
               char       **message)
{
  const char *method;
  const SegSegmentation *seg = story_segmentation (window, result, &method);
  SegmentFigures f;
  GtkWidget *grid;
  guint largest = 0, columns;

  if (seg == NULL)
    return NULL;
  segment_figures (result, method, &f);
  grid = card_grid (seg->n_segments);
  /* the cards share the whole slide, not its top half */
  gtk_widget_set_valign (grid, GTK_ALIGN_FILL);
  gtk_widget_set_vexpand (grid, TRUE);
  columns = grid_columns (seg->n_segments);
  for (guint i = 0; i < seg->n_segments; i++)
    {
      gtk_grid_attach (GTK_GRID (grid), persona_card (window, result, seg, method, &f, i),
                       (int) (i % columns), (int) (i / columns), 1, 1);
      if (seg->segments[i].customers > seg->segments[largest].customers)
        largest = i;
    }
  {
    g_autofree char *share = format_share (seg->segments[largest].share);
    /* Translators: the message of the personas slide */
    *message = g_strdup_printf (ngettext ("%u groups of customers; the largest, “%s”, is %s of them.",
                                          "%u groups of customers; the largest, “%s”, is %s of them.",
                                          seg->n_segments),
                                seg->n_segments, segment_name (window, seg, method, largest), share);
  }
  return grid;
}

typedef struct
{
  guint  segment;
  double score;
} Ranked;

static int
ranked_cmp (gconstpointer a,
            gconstpointer b)
{
  const Ranked *x = a, *y = b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->segment < y->segment ? -1 : 1;
}

/* The segments in the order to act on them: the lifetime value at risk
 * (churn probability × the segment's total CLV) when both were estimated,
 * else the share of spend.  @why gets the reason for each, in words. */
static Ranked *
rank_segments (const SegSegmentation *seg,
               const SegmentFigures  *f,
               GPtrArray             *why)
{
  Ranked *r = g_new0 (Ranked, seg->n_segments);
  gboolean at_risk = f->churn && f->clv;
  double revenue = 0;

  for (guint i = 0; i < seg->n_segments; i++)
    if (isfinite (seg->segments[i].total_spent))
      revenue += seg->segments[i].total_spent;
  for (guint i = 0; i < seg->n_segments; i++)
    {
      r[i].segment = i;
      if (at_risk && i < f->churn->n_segments && i < f->clv->n_segments &&
          isfinite (f->churn->mean_probability[i]) && isfinite (f->clv->total_clv[i]))
        r[i].score = f->churn->mean_probability[i] * f->clv->total_clv[i];
      else if (!at_risk && revenue > 0 && isfinite (seg->segments[i].total_spent))
        r[i].score = seg->segments[i].total_spent / revenue;
      else
        r[i].score = -1;
    }
  qsort (r, seg->n_segments, sizeof *r, ranked_cmp);
  for (guint k = 0; k < seg->n_segments; k++)
    {
      guint i = r[k].segment;
      if (r[k].score < 0)
        g_ptr_array_add (why, NULL);
      else if (at_risk)
        {
          g_autofree char *v = format_money (r[k].score);
          g_autofree char *p = format_share (f->churn->mean_probability[i]);
          /* Translators: why a segment comes first: its lifetime value
           * that may be lost, e.g. "12k of lifetime value at risk (churn risk 45 %)" */
          g_ptr_array_add (why, g_strdup_printf (_("%s of lifetime value at risk (churn risk %s)"), v, p));
        }
      else
        {
          g_autofree char *p = format_share (r[k].score);
          /* Translators: why a segment comes first, e.g. "32 % of all spend" */
          g_ptr_array_add (why, g_strdup_printf (_("%s of all spend"), p));
        }
    }
  return r;
}

static GtkWidget *
actions_page (SegWindow   *window,
              SegResult   *result,
              char       **message)
{
  const char *method;
  const SegSegmentation *seg = story_segmentation (window, result, &method);
  g_autoptr(GPtrArray) why = g_ptr_array_new_with_free_func (g_free);
  g_autofree Ranked *ranked = NULL;
  SegmentFigures f;
  GtkWidget *list;
  guint shown = 0;

  if (seg == NULL)
    return NULL;
  segment_figures (result, method, &f);
  ranked = rank_segments (seg, &f, why);
  list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 14);
  gtk_widget_set_vexpand (list, TRUE);
  /* the cards share the slide's height, not its upper part */
  gtk_box_set_homogeneous (GTK_BOX (list), TRUE);
  for (guint k = 0; k < seg->n_segments; k++)
    {
      guint i = ranked[k].segment;
      const char *action = segment_action (window, method, i);
      GtkWidget *card, *head, *number;
      g_autofree char *rank = NULL;

      if (action == NULL)
        continue;
      card = slide_card ();
      head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
      gtk_widget_set_vexpand (head, TRUE);
      gtk_widget_set_valign (head, GTK_ALIGN_CENTER);
      rank = g_strdup_printf ("%u", shown + 1);
      number = text_label (rank, "slide-rank", 0.5);
      gtk_widget_set_valign (number, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (head), number);
      {
        GtkWidget *words = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
        gtk_widget_set_hexpand (words, TRUE);
        gtk_box_append (GTK_BOX (words), text_label (segment_name (window, seg, method, i), "slide-card-title", 0));
        gtk_box_append (GTK_BOX (words), text_label (action, "slide-action", 0));
        if (g_ptr_array_index (why, k) != NULL)
          gtk_box_append (GTK_BOX (words), text_label (g_ptr_array_index (why, k), "slide-card-size", 0));
        gtk_box_append (GTK_BOX (head), words);
      }
      gtk_box_append (GTK_BOX (card), head);
      if (shown == 0)
        {
          gtk_widget_add_css_class (card, "slide-first");
          /* Translators: the message of the actions slide */
          *message = g_strdup_printf (_("Act first on “%s”: %s"), segment_name (window, seg, method, i),
                                      action);
        }
      gtk_box_append (GTK_BOX (list), card);
      shown++;
    }
  if (shown == 0)
    {
      g_object_ref_sink (list);
      g_object_unref (list);
      return NULL;
    }
  return list;
}

/* Text of customer @row in @column (the id), or NULL. */
static char *
customer_name (SegTable *customers,
               guint64   row)
{
  const SegColumn *name = seg_table_find_column (customers, "name");
  const SegColumn *id = seg_table_get_column (customers, 0);

  if (name == NULL)
    name = seg_table_find_column (customers, "customer_name");
  if (name != NULL && name->text != NULL && name->text[row] != NULL)
    return g_strdup (name->text[row]);
  if (id->text != NULL)
    return g_strdup (id->text[row]);
  return seg_format_fixed (id->num ? id->num[row] : NAN, 0);
}

static GtkWidget *
header_label (const char *text,
              float       xalign)
{
  GtkWidget *label = text_label (text, "slide-table-header", xalign);
  return label;
}

/* A customer's name in the table: it takes the width the figures leave. */
static GtkWidget *
name_cell (const char *who)
{
  GtkWidget *label = text_label (who, NULL, 0);

  gtk_widget_set_hexpand (label, TRUE);
  return label;
}

static GtkWidget *
top_customers_page (SegWindow   *window,
                    SegResult   *result,
                    char       **message)
{
  SegTable *customers = seg_result_get_customers (result);
  const SegColumn *spend = seg_table_find_column (customers, "total_spent");
  const SegClv *clv = seg_result_get_clv (result);
  const SegChurn *churn = seg_result_get_churn (result);
  const char *method;
  const SegSegmentation *seg = story_segmentation (window, result, &method);
  const double *key = clv != NULL ? clv->clv : (spend != NULL ? spend->num : NULL);
  guint64 n = seg_table_get_n_rows (customers);
  g_autoptr(GArray) top = g_array_new (FALSE, FALSE, sizeof (guint64));
  GtkWidget *grid;
  int col = 0;
  double top_sum = 0, all_sum = 0;

  if (key == NULL)
    return NULL;
  /* the TOP_CUSTOMERS largest values, ties in file order */
  for (guint64 row = 0; row < n; row++)
    {
      guint at;
      if (!isfinite (key[row]) || key[row] <= 0)
        continue;
      all_sum += key[row];
      for (at = top->len; at > 0 && key[row] > key[g_array_index (top, guint64, at - 1)]; at--)
        ;
      if (at < TOP_CUSTOMERS)
        {
          g_array_insert_val (top, at, row);
          if (top->len > TOP_CUSTOMERS)
            g_array_set_size (top, TOP_CUSTOMERS);
        }
    }
  if (top->len == 0)
    return NULL;

  grid = gtk_grid_new ();
  gtk_widget_add_css_class (grid, "slide-table");
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 36);
  /* the rows share the card's height, for the back of the room */
  gtk_grid_set_row_homogeneous (GTK_GRID (grid), TRUE);
  gtk_widget_set_vexpand (grid, TRUE);
  gtk_grid_attach (GTK_GRID (grid), header_label (_("Customer"), 0), col++, 0, 1, 1);
  if (seg != NULL)
    gtk_grid_attach (GTK_GRID (grid), header_label (g_str_equal (method, "kmeans") ? _("Persona") : _("Segment"), 0),
                     col++, 0, 1, 1);
  if (spend != NULL && spend->num != NULL)
    gtk_grid_attach (GTK_GRID (grid), header_label (_("Total spend"), 1), col++, 0, 1, 1);
  if (clv != NULL)
    gtk_grid_attach (GTK_GRID (grid), header_label (_("Lifetime value"), 1), col++, 0, 1, 1);
  if (churn != NULL)
    gtk_grid_attach (GTK_GRID (grid), header_label (_("Churn risk"), 1), col++, 0, 1, 1);
  for (guint k = 0; k < top->len; k++)
    {
      guint64 row = g_array_index (top, guint64, k);
      int r = (int) k + 1;
      guint label = seg ? seg->labels[row] : G_MAXUINT;
      g_autofree char *who = customer_name (customers, row);

      col = 0;
      top_sum += key[row];
      gtk_grid_attach (GTK_GRID (grid), name_cell (who), col++, r, 1, 1);
      if (seg != NULL)
        gtk_grid_attach (GTK_GRID (grid),
                         text_label (label < seg->n_segments ? segment_name (window, seg, method, label)
                                                             : _("in no segment"), NULL, 0),
                         col++, r, 1, 1);
      if (spend != NULL && spend->num != NULL)
        {
          g_autofree char *v = format_money (spend->num[row]);
          gtk_grid_attach (GTK_GRID (grid), text_label (v, "numeric", 1), col++, r, 1, 1);
        }
      if (clv != NULL)
        {
          g_autofree char *v = format_money (clv->clv[row]);
          gtk_grid_attach (GTK_GRID (grid), text_label (v, "numeric", 1), col++, r, 1, 1);
        }
      if (churn != NULL)
        {
          g_autofree char *v = seg_churn_get_probabilities (churn) && isfinite (seg_churn_get_probabilities (churn)[row])
                               ? format_share (seg_churn_get_probabilities (churn)[row]) : g_strdup (_("not scored"));
          gtk_grid_attach (GTK_GRID (grid), text_label (v, "numeric", 1), col++, r, 1, 1);
        }
    }
  {
    g_autofree char *share = format_share (all_sum > 0 ? top_sum / all_sum : NAN);
    *message = clv != NULL
      /* Translators: the message of the top customers slide */
      ? g_strdup_printf (ngettext ("The top %u customer holds %s of all lifetime value.",
                                   "The top %u customers hold %s of all lifetime value.", top->len),
                         top->len, share)
      : g_strdup_printf (ngettext ("The top %u customer made %s of all spend.",
                                   "The top %u customers made %s of all spend.", top->len),
                         top->len, share);
  }
  {
    GtkWidget *card = slide_card ();

    gtk_widget_add_css_class (card, "slide-table-card");
    gtk_widget_set_vexpand (card, TRUE);
    gtk_box_append (GTK_BOX (card), grid);
    return card;
  }
}

/* --- the slides of charts ----------------------------------------------------------- */

static GtkWidget *
slide_view (SegWindow    *window,
            const Slide  *slide,
            SegChartKind  kind)
{
  GtkWidget *view = seg_chart_view_new (kind);

  /* type grows with the slide */
  seg_chart_view_set_scale (SEG_CHART_VIEW (view), 0);
  seg_chart_view_set_colour_by (SEG_CHART_VIEW (view), slide->colour_by);
  seg_chart_view_bind_window (SEG_CHART_VIEW (view), window, slide->colour_by == NULL);
  gtk_widget_set_hexpand (view, TRUE);
  gtk_widget_set_vexpand (view, TRUE);
  gtk_widget_add_css_class (view, "card");
  gtk_widget_add_css_class (view, "presentation-chart");
  return view;
}

static gboolean
chart_available (SegWindow   *window,
                 SegResult   *result,
                 const Slide *slide)
{
  SegChartParams params;

  seg_chart_params_init (&params);
  params.colour_by = slide->colour_by ? slide->colour_by : seg_window_get_colour_by (window);
  return seg_dashboard_available (slide->chart, result, &params, NULL);
}

static char *
overview_message (SegWindow *window,
                  SegResult *result)
{
  const char *method;
  const SegSegmentation *seg;
  SegChartParams params;
  guint64 n = seg_table_get_n_rows (seg_result_get_customers (result));
  g_autofree char *count = seg_ui_format_count (n);
  guint largest = 0;

  seg_chart_params_init (&params);
  params.colour_by = seg_window_get_colour_by (window);
  seg = seg_dashboard_colour_segmentation (result, &params, &method);
  if (seg == NULL || seg->n_segments == 0)
    return g_strdup_printf (ngettext ("%s customer.", "%s customers.", n), count);
  for (guint i = 1; i < seg->n_segments; i++)
    if (seg->segments[i].customers > seg->segments[largest].customers)
      largest = i;
  {
    g_autofree char *big = seg_ui_format_count (seg->segments[largest].customers);
    /* Translators: the message of the first slide, e.g. "300 customers;
     * the largest segment is “Others” with 88." */
    return g_strdup_printf (ngettext ("%s customer; the largest segment is “%s” with %s.",
                                      "%s customers; the largest segment is “%s” with %s.", n),
                            count, seg->segments[largest].name, big);
  }
}

static char *
totals_message (SegResult *result)
{
  SegTable *customers = seg_result_get_customers (result);
  const SegColumn *spend = seg_table_find_column (customers, "total_spent");
  guint64 n = seg_table_get_n_rows (customers);
  g_autofree char *count = seg_ui_format_count (n);
  double revenue = 0;

  if (spend == NULL || spend->num == NULL)
    return g_strdup_printf (ngettext ("%s customer.", "%s customers.", n), count);
  for (guint64 row = 0; row < n; row++)
    if (isfinite (spend->num[row]))
      revenue += spend->num[row];
  {
    g_autofree char *total = format_money (revenue);
    /* Translators: the message of the first slide, e.g. "300 customers have spent 2.5M." */
    return g_strdup_printf (ngettext ("%s customer has spent %s.", "%s customers have spent %s.", n),
                            count, total);
  }
}

static char *
chart_message (SegResult   *result,
               const Slide *slide)
{
  switch (slide->chart)
    {
    case SEG_CHART_SEGMENT_SIZES:
      return NULL;   /* the overview's message says it */
    case SEG_CHART_SEGMENT_TABLE:
      return g_strdup (_("Size, spend and profile of each rule segment."));
    case SEG_CHART_RFM_SIZES:
      return g_strdup (_("Customers grouped by how recently, how often and how much they buy."));
    case SEG_CHART_PROFILE_HEATMAP:
      return g_strdup (_("Each cluster against the average customer: blue below, red above."));
    case SEG_CHART_CHURN_BY_SEGMENT:
      {
        const SegChurn *churn = seg_result_get_churn (result);
        g_autofree char *rate = churn ? format_share (seg_churn_get_rate (churn)) : NULL;
        return churn ? g_strdup_printf (_("%s of the customers have left; the bars show where."), rate)
                     : g_strdup ("");
      }
    case SEG_CHART_CLV_BY_SEGMENT:
      return g_strdup (_("The average value each customer of a segment will bring."));
    default:
      return g_strdup ("");
    }
}

static GtkWidget *
slide_page (SegWindow    *window,
            SegResult    *result,
            const Slide  *slide,
            char        **message)
{
  switch (slide->kind)
    {
    case SLIDE_OVERVIEW:
      {
        *message = totals_message (result);
        return slide_view (window, slide, SEG_CHART_KPIS);
      }
    case SLIDE_PERSONAS:
      return personas_page (window, result, message);
    case SLIDE_ACTIONS:
      return actions_page (window, result, message);
    case SLIDE_TOP_CUSTOMERS:
      return top_customers_page (window, result, message);
    case SLIDE_CHART:
    default:
      if (!chart_available (window, result, slide))
        return NULL;
      *message = chart_message (result, slide);
      if (*message == NULL)
        *message = overview_message (window, result);
      return slide_view (window, slide, slide->chart);
    }
}

/* --- the window ----------------------------------------------------------------- */

static void
show_slide (SegPresentation *self,
            guint            index)
{
  const Slide *slide;
  g_autofree char *position = NULL;
  const char *message;

  if (self->shown->len == 0)
    return;
  index = MIN (index, self->shown->len - 1);
  slide = g_ptr_array_index (self->shown, index);
  message = g_ptr_array_index (self->messages, index);
  /* Translators: the slide number, and how to move and leave */
  position = g_strdup_printf (_("%u of %u · ← → to move · Esc to leave"), index + 1, self->shown->len);
  gtk_stack_set_visible_child_name (self->stack, slide->id);
  gtk_label_set_label (self->title_label, _(slide->title));
  gtk_label_set_label (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), *message != '\0');
  gtk_label_set_label (self->position_label, position);
  if (self->current != index)
    {
      self->current = index;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
    }
}

static void
build_slides (SegPresentation *self)
{
  SegResult *result = self->window ? seg_window_get_result (self->window) : NULL;
  GtkWidget *child;
  const char *current_id = NULL;
  guint n_before = self->shown->len;

  if (self->shown->len > 0)
    current_id = ((const Slide *) g_ptr_array_index (self->shown, self->current))->id;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stack))) != NULL)
    gtk_stack_remove (self->stack, child);
  g_ptr_array_set_size (self->shown, 0);
  g_ptr_array_set_size (self->messages, 0);
  self->current = 0;
  for (guint i = 0; result != NULL && i < G_N_ELEMENTS (all_slides); i++)
    {
      char *message = NULL;
      GtkWidget *page = slide_page (self->window, result, &all_slides[i], &message);

      if (page == NULL)
        {
          g_free (message);
          continue;
        }
      gtk_stack_add_named (self->stack, page, all_slides[i].id);
      if (g_strcmp0 (current_id, all_slides[i].id) == 0)
        self->current = self->shown->len;
      g_ptr_array_add (self->shown, (gpointer) &all_slides[i]);
      g_ptr_array_add (self->messages, message ? message : g_strdup (""));
    }
  if (self->shown->len != n_before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SLIDES]);
  show_slide (self, self->current);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

static void
result_changed_cb (SegPresentation *self)
{
  if (self->window && seg_window_get_result (self->window) != NULL)
    build_slides (self);
}

/* Type in proportion to the screen: 24 px on 1080 lines, 17 px on 768. */
static GtkCssProvider *
font_provider (void)
{
  static GtkCssProvider *provider;

  if (provider == NULL)
    {
      provider = gtk_css_provider_new ();
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }
  return provider;
}

static void
update_font (SegPresentation *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int px = CLAMP (height / 45, 14, 32);

  if (height <= 0 || px == self->font_for_height)
    return;
  self->font_for_height = px;
  {
    g_autofree char *css = g_strdup_printf ("window.presentation { font-size: %dpx; }", px);
    gtk_css_provider_load_from_data (font_provider (), css, -1);
  }
}

static gboolean
tick_cb (GtkWidget     *win,
         GdkFrameClock *clock,
         gpointer       data)
{
  update_font (SEG_PRESENTATION (win));
  return G_SOURCE_CONTINUE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SegPresentation       *self)
{
  guint n = MAX (self->shown->len, 1u);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* A chart the keyboard is in keeps the arrows for its items: Up, Down,
   * Home and End go into it, and once on an item, Left and Right move
   * between items and Escape leaves them; Page Up and Down always turn. */
  if (focus != NULL && SEG_IS_CHART_VIEW (focus) && keyval != GDK_KEY_Page_Down && keyval != GDK_KEY_Page_Up &&
      (seg_chart_view_get_focus_item (SEG_CHART_VIEW (focus)) >= 0 ||
       keyval == GDK_KEY_Up || keyval == GDK_KEY_Down || keyval == GDK_KEY_Home || keyval == GDK_KEY_End))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Escape:
      gtk_window_destroy (GTK_WINDOW (self));
      return TRUE;
    case GDK_KEY_Right: case GDK_KEY_Down: case GDK_KEY_Page_Down: case GDK_KEY_space: case GDK_KEY_Return:
      show_slide (self, (self->current + 1) % n);
      return TRUE;
    case GDK_KEY_Left: case GDK_KEY_Up: case GDK_KEY_Page_Up: case GDK_KEY_BackSpace:
      show_slide (self, (self->current + n - 1) % n);
      return TRUE;
    case GDK_KEY_Home:
      show_slide (self, 0);
      return TRUE;
    case GDK_KEY_End:
      show_slide (self, n - 1);
      return TRUE;
    default:
      return FALSE;
    }
}

/* The slides of the window's result, starting where the user is, on the
 * whole screen. */
static void
seg_presentation_constructed (GObject *object)
{
  SegPresentation *self = SEG_PRESENTATION (object);
  GdkSurface *surface;
  const char *pane;

  G_OBJECT_CLASS (seg_presentation_parent_class)->constructed (object);
  g_return_if_fail (self->window != NULL);

  gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (self->window));
  g_signal_connect_object (self->window, "notify::result", G_CALLBACK (result_changed_cb), self, G_CONNECT_SWAPPED);
  build_slides (self);
  pane = seg_window_get_visible_pane (self->window);
  for (guint i = 0; i < self->shown->len; i++)
    if (g_strcmp0 (((const Slide *) g_ptr_array_index (self->shown, i))->pane, pane) == 0)
      show_slide (self, i);
  /* the whole screen, also where no window manager makes it full screen */
  surface = gtk_native_get_surface (GTK_NATIVE (self->window));
  if (surface != NULL)
    {
      GdkMonitor *monitor = gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface);
      GdkRectangle geometry;
      if (monitor != NULL)
        {
          gdk_monitor_get_geometry (monitor, &geometry);
          gtk_window_set_default_size (GTK_WINDOW (self), geometry.width, geometry.height);
        }
    }
  gtk_window_fullscreen (GTK_WINDOW (self));
}

static void
seg_presentation_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SegPresentation *self = SEG_PRESENTATION (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      g_value_set_object (value, self->window);
      break;
    case PROP_N_SLIDES:
      g_value_set_uint (value, self->shown->len);
      break;
    case PROP_CURRENT:
      g_value_set_uint (value, self->current);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_presentation_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SegPresentation *self = SEG_PRESENTATION (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      g_set_weak_pointer (&self->window, g_value_get_object (value));
      break;
    case PROP_CURRENT:
      seg_presentation_show_slide (GTK_WIDGET (self), g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_presentation_dispose (GObject *object)
{
  SegPresentation *self = SEG_PRESENTATION (object);

  g_clear_weak_pointer (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (object), SEG_TYPE_PRESENTATION);
  G_OBJECT_CLASS (seg_presentation_parent_class)->dispose (object);
}

static void
seg_presentation_finalize (GObject *object)
{
  SegPresentation *self = SEG_PRESENTATION (object);

  g_ptr_array_unref (self->shown);
  g_ptr_array_unref (self->messages);
  G_OBJECT_CLASS (seg_presentation_parent_class)->finalize (object);
}

static void
seg_presentation_class_init (SegPresentationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = seg_presentation_constructed;
  object_class->get_property = seg_presentation_get_property;
  object_class->set_property = seg_presentation_set_property;
  object_class->dispose = seg_presentation_dispose;
  object_class->finalize = seg_presentation_finalize;

  /* the main window whose result is presented */
  properties[PROP_WINDOW] =
    g_param_spec_object ("window", NULL, NULL, SEG_TYPE_WINDOW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the slides the result has data for */
  properties[PROP_N_SLIDES] =
    g_param_spec_uint ("n-slides", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* the slide shown, from 0 */
  properties[PROP_CURRENT] =
    g_param_spec_uint ("current", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/seg-presentation.ui");
  gtk_widget_class_bind_template_child (widget_class, SegPresentation, stack);
  gtk_widget_class_bind_template_child (widget_class, SegPresentation, title_label);
  gtk_widget_class_bind_template_child (widget_class, SegPresentation, message_label);
  gtk_widget_class_bind_template_child (widget_class, SegPresentation, position_label);
  gtk_widget_class_bind_template_callback (widget_class, key_pressed_cb);
}

static void
seg_presentation_init (SegPresentation *self)
{
  self->shown = g_ptr_array_new ();
  self->messages = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
}

GtkWidget *
seg_presentation_new (SegWindow *window)
{
  return g_object_new (SEG_TYPE_PRESENTATION, "window", window, NULL);
}

guint
seg_presentation_get_n_slides (GtkWidget *presentation)
{
  g_return_val_if_fail (SEG_IS_PRESENTATION (presentation), 0);
  return SEG_PRESENTATION (presentation)->shown->len;
}

const char *
seg_presentation_get_slide_id (GtkWidget *presentation,
                               guint      index)
{
  SegPresentation *self;

  g_return_val_if_fail (SEG_IS_PRESENTATION (presentation), NULL);
  self = SEG_PRESENTATION (presentation);
  g_return_val_if_fail (index < self->shown->len, NULL);
  return ((const Slide *) g_ptr_array_index (self->shown, index))->id;
}

void
seg_presentation_show_slide (GtkWidget *presentation,
                             guint      index)
{
  SegPresentation *self;

  g_return_if_fail (SEG_IS_PRESENTATION (presentation));
  self = SEG_PRESENTATION (presentation);
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_NONE);
  show_slide (self, index);
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
}

guint
seg_presentation_get_current (GtkWidget *presentation)
{
  g_return_val_if_fail (SEG_IS_PRESENTATION (presentation), 0);
  return SEG_PRESENTATION (presentation)->current;
}

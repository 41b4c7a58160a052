/* seg-dashboard-pane.c — a scrolling pane of cards that flow in 1–3 columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-dashboard-pane"

#include "config.h"

#include "seg-chart-card.h"
#include "seg-chart-view.h"
#include "seg-dashboard-pane.h"
#include "seg-window.h"

/* A chart card's chart: its usual height, and the least a short window
 * may shrink it to; the first row ends this far above the window's edge. */
#define CHART_HEIGHT     400
#define CHART_HEIGHT_MIN 280
#define FIRST_ROW_MARGIN 12

typedef struct
{
  SegWindow  *window;   /* weak: the pane is inside it */
  SegResult  *result;

  GtkScrolledWindow *scrolled;
  GtkWidget  *content;
  GtkLabel   *title_label;
  GtkLabel   *subtitle_label;
  GtkBox     *top_box;
  GtkFlowBox *flow;
  GtkBox     *bottom_box;

  gboolean    fit_first_row;
  int         chart_height;     /* what the flow's chart cards have now */
  guint       fit_tick;
} SegDashboardPanePrivate;

static void seg_dashboard_pane_buildable_init (GtkBuildableIface *iface);

G_DEFINE_TYPE_WITH_CODE (SegDashboardPane, seg_dashboard_pane, ADW_TYPE_BIN,
                         G_ADD_PRIVATE (SegDashboardPane)
                         G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, seg_dashboard_pane_buildable_init))

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_WINDOW,
  PROP_RESULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable_iface;

/* <child type="top|card|bottom"> in a pane's .ui file */
static void
seg_dashboard_pane_add_child (GtkBuildable *buildable,
                              GtkBuilder   *builder,
                              GObject      *child,
                              const char   *type)
{
  SegDashboardPane *self = SEG_DASHBOARD_PANE (buildable);

  if (g_strcmp0 (type, "top") == 0)
    seg_dashboard_pane_add_top (self, GTK_WIDGET (child));
  else if (g_strcmp0 (type, "card") == 0)
    seg_dashboard_pane_add_card (self, GTK_WIDGET (child));
  else if (g_strcmp0 (type, "bottom") == 0)
    seg_dashboard_pane_add_bottom (self, GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
seg_dashboard_pane_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = seg_dashboard_pane_add_child;
}

static void
seg_dashboard_pane_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SegDashboardPane *self = SEG_DASHBOARD_PANE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, seg_dashboard_pane_get_title (self));
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, seg_dashboard_pane_get_subtitle (self));
      break;
    case PROP_WINDOW:
      g_value_set_object (value, seg_dashboard_pane_get_window (self));
      break;
    case PROP_RESULT:
      g_value_set_boxed (value, seg_dashboard_pane_get_result (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_dashboard_pane_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SegDashboardPane *self = SEG_DASHBOARD_PANE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      seg_dashboard_pane_set_title (self, g_value_get_string (value));
      break;
    case PROP_SUBTITLE:
      seg_dashboard_pane_set_subtitle (self, g_value_get_string (value));
      break;
    case PROP_WINDOW:
      {
        SegDashboardPanePrivate *priv = seg_dashboard_pane_get_instance_private (self);

        priv->window = g_value_get_object (value);
        if (priv->window)
          g_object_add_weak_pointer (G_OBJECT (priv->window), (gpointer *) &priv->window);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_cards (GtkWidget *widget,
            SegWindow *window)
{
  if (SEG_IS_CHART_CARD (widget))
    {
      seg_chart_card_bind_window (SEG_CHART_CARD (widget), window);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    bind_cards (c, window);
}

static void
window_result_cb (SegDashboardPane *self)
{
  SegDashboardPanePrivate *priv = seg_dashboard_pane_get_instance_private (self);
  SegResult *result = priv->window ? seg_window_get_result (priv->window) : NULL;

  if (result == priv->result)
    return;
  g_clear_pointer (&priv->result, seg_result_unref);
  priv->result = result ? seg_result_ref (result) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

/* The template's cards follow the window before anything of the pane's
 * own does, so that a pane reading its charts on a new result reads the
 * charts of that result. */
static void
seg_dashboard_pane_constructed (GObject *object)
{
  SegDashboardPane *self = SEG_DASHBOARD_PANE (object);
  SegDashboardPanePrivate *priv = seg_dashboard_pane_get_instance_private (self);

  G_OBJECT_CLASS (seg_dashboard_pane_parent_class)->constructed (object);
  if (priv->window == NULL)
    return;
  bind_cards (GTK_WIDGET (self), priv->window);
  g_signal_connect_object (priv->window, "notify::result", G_CALLBACK (window_result_cb), self, G_CONNECT_SWAPPED);
  window_result_cb (self);
}

static void
seg_dashboard_pane_finalize (GObject *object)
{
  SegDashboardPanePrivate *priv = seg_dashboard_pane_get_instance_private (SEG_DASHBOARD_PANE (object));

  if (priv->window)
    g_object_remove_weak_pointer (G_OBJECT (priv->window), (gpointer *) &priv->window);
  g_clear_pointer (&priv->result, seg_result_unref);
  G_OBJECT_CLASS (seg_dashboard_pane_parent_class)->finalize (object);
}

/* The height the first row's charts get: the row ends above the bottom
 * edge of the pane when that leaves them at least CHART_HEIGHT_MIN. */
static int
first_row_chart_height (SegDashboardPane *self,
                        int               height)
{
  SegDashboardPanePrivate *priv = seg_dashboard_pane_get_instance_private (self);
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (priv->flow));
  GtkWidget *card = child ? gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)) : NULL;
  GtkWidget *view;
  graphene_rect_t flow, content;
  int chrome;

  /* the flow's distance from the top of the content, its padding included
   * (GTK puts a widget's origin inside its padding) */
  if (card == NULL || !SEG_IS_CHART_CARD (card) ||
      !gtk_widget_compute_bounds (GTK_WIDGET (priv->flow), priv->content, &flow) ||
      !gtk_widget_compute_bounds (priv->content, priv->content, &content))
    return priv->chart_height;
  view = GTK_WIDGET (seg_chart_card_get_view (SEG_CHART_CARD (card)));
  /* the card's title, padding and margins around its chart */
  chrome = gtk_widget_get_height (child) - gtk_widget_get_height (view);
  if (gtk_widget_get_height (view) <= 0 || chrome < 0)
    return priv->chart_height;
  return CLAMP (height - FIRST_ROW_MARGIN - (int) (flow.origin.y - content.origin.y) - chrome,
                CHART_HEIGHT_MIN, CHART_HEIGHT);
}

static gboolean
fit_tick_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  SegDashboardPane *self = SEG_DASHBOARD_PANE (widget);
  SegDashboardPanePrivate *priv = seg_dashboard_pane_get_instance_private (self);
  int height = first_row_chart_height (self, gtk_widget_get_height (widget));

  priv->fit_tick = 0;
  if (height == priv->chart_height)
    return G_SOURCE_REMOVE;
  priv->chart_height = height;
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (priv->flow)); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (c));
      if (card != NULL && SEG_IS_CHART_CARD (card))
        seg_chart_card_set_chart_height (SEG_CHART_CARD (card), height);
    }
  return G_SOURCE_REMOVE;
}

/* The pane's room or what is above its cards changed.  AdwBin lays out
 * its child with a layout manager, so a size_allocate () of the pane's
 * own would never be called: the scrolled window's adjustment, configured
 * in every allocation of the scrolled window or its content, says so
 * instead.  Sizes change after the allocation, in the next frame. */
static void
adjustment_changed_cb (SegDashboardPane *self)
{
  SegDashboardPanePrivate *priv = seg_dashboard_pane_get_instance_private (self);
  GtkWidget *widget = GTK_WIDGET (self);

  if (priv->fit_first_row && priv->fit_tick == 0 &&
      ABS (first_row_chart_height (self, gtk_widget_get_height (widget)) - priv->chart_height) > 1)
    priv->fit_tick = gtk_widget_add_tick_callback (widget, fit_tick_cb, NULL, NULL);
}

static void
seg_dashboard_pane_dispose (GObject *object)
{
  SegDashboardPanePrivate *priv = seg_dashboard_pane_get_instance_private (SEG_DASHBOARD_PANE (object));

  if (priv->fit_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (object), priv->fit_tick);
  priv->fit_tick = 0;

  /* GTK 4.8's gtk_widget_dispose_template () walks the template of the
   * instance's own class whatever type it is given, so for a pane of a
   * subclass it would look for the subclass's children among ours and
   * abort.  The subclass disposes its own; ours are dropped with the
   * widget's template data when it is finalized, and AdwBin unparents
   * the tree they are in. */
  if (G_OBJECT_TYPE (object) == SEG_TYPE_DASHBOARD_PANE)
    gtk_widget_dispose_template (GTK_WIDGET (object), SEG_TYPE_DASHBOARD_PANE);
  G_OBJECT_CLASS (seg_dashboard_pane_parent_class)->dispose (object);
}

static void
seg_dashboard_pane_class_init (SegDashboardPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = seg_dashboard_pane_constructed;
  object_class->dispose = seg_dashboard_pane_dispose;
  object_class->finalize = seg_dashboard_pane_finalize;
  object_class->get_property = seg_dashboard_pane_get_property;
  object_class->set_property = seg_dashboard_pane_set_property;

  /* the heading of the pane */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* one line under it that says what the pane shows; hidden when empty */
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* the window whose result the pane shows */
  properties[PROP_WINDOW] =
    g_param_spec_object ("window", NULL, NULL, SEG_TYPE_WINDOW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the window's result, NULL while there is none */
  properties[PROP_RESULT] =
    g_param_spec_boxed ("result", NULL, NULL, SEG_TYPE_RESULT,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SEG_TYPE_CHART_CARD);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/seg-dashboard-pane.ui");
  gtk_widget_class_bind_template_child_private (widget_class, SegDashboardPane, scrolled);
  gtk_widget_class_bind_template_child_private (widget_class, SegDashboardPane, content);
  gtk_widget_class_bind_template_child_private (widget_class, SegDashboardPane, title_label);
  gtk_widget_class_bind_template_child_private (widget_class, SegDashboardPane, subtitle_label);
  gtk_widget_class_bind_template_child_private (widget_class, SegDashboardPane, top_box);
  gtk_widget_class_bind_template_child_private (widget_class, SegDashboardPane, flow);
  gtk_widget_class_bind_template_child_private (widget_class, SegDashboardPane, bottom_box);
}

static void
seg_dashboard_pane_init (SegDashboardPane *self)
{
  SegDashboardPanePrivate *priv = seg_dashboard_pane_get_instance_private (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (priv->scrolled), "changed",
                           G_CALLBACK (adjustment_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (priv->subtitle_label), FALSE);
  priv->chart_height = CHART_HEIGHT;
}

SegWindow *
seg_dashboard_pane_get_window (SegDashboardPane *self)
{
  SegDashboardPanePrivate *priv;

  g_return_val_if_fail (SEG_IS_DASHBOARD_PANE (self), NULL);

  priv = seg_dashboard_pane_get_instance_private (self);
  return priv->window;
}

SegResult *
seg_dashboard_pane_get_result (SegDashboardPane *self)
{
  SegDashboardPanePrivate *priv;

  g_return_val_if_fail (SEG_IS_DASHBOARD_PANE (self), NULL);

  priv = seg_dashboard_pane_get_instance_private (self);
  return priv->result;
}

const char *
seg_dashboard_pane_get_title (SegDashboardPane *self)
{
  SegDashboardPanePrivate *priv;

  g_return_val_if_fail (SEG_IS_DASHBOARD_PANE (self), NULL);

  priv = seg_dashboard_pane_get_instance_private (self);
  return gtk_label_get_label (priv->title_label);
}

void
seg_dashboard_pane_set_title (SegDashboardPane *self,
                              const char       *title)
{
  SegDashboardPanePrivate *priv;

  g_return_if_fail (SEG_IS_DASHBOARD_PANE (self));

  priv = seg_dashboard_pane_get_instance_private (self);
  if (g_strcmp0 (gtk_label_get_label (priv->title_label), title ? title : "") == 0)
    return;
  gtk_label_set_label (priv->title_label, title ? title : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
seg_dashboard_pane_get_subtitle (SegDashboardPane *self)
{
  SegDashboardPanePrivate *priv;

  g_return_val_if_fail (SEG_IS_DASHBOARD_PANE (self), NULL);

  priv = seg_dashboard_pane_get_instance_private (self);
  return gtk_label_get_label (priv->subtitle_label);
}

void
seg_dashboard_pane_set_subtitle (SegDashboardPane *self,
                                 const char       *subtitle)
{
  SegDashboardPanePrivate *priv;

  g_return_if_fail (SEG_IS_DASHBOARD_PANE (self));

  priv = seg_dashboard_pane_get_instance_private (self);
  subtitle = subtitle ? subtitle : "";
  gtk_widget_set_visible (GTK_WIDGET (priv->subtitle_label), *subtitle != '\0');
  if (g_strcmp0 (gtk_label_get_label (priv->subtitle_label), subtitle) == 0)
    return;
  gtk_label_set_label (priv->subtitle_label, subtitle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

void
seg_dashboard_pane_add_top (SegDashboardPane *self,
                            GtkWidget        *widget)
{
  SegDashboardPanePrivate *priv;

  g_return_if_fail (SEG_IS_DASHBOARD_PANE (self));

  priv = seg_dashboard_pane_get_instance_private (self);
  gtk_box_append (priv->top_box, widget);
}

void
seg_dashboard_pane_add_card (SegDashboardPane *self,
                             GtkWidget        *card)
{
  SegDashboardPanePrivate *priv;

  g_return_if_fail (SEG_IS_DASHBOARD_PANE (self));

  priv = seg_dashboard_pane_get_instance_private (self);
  gtk_flow_box_append (priv->flow, card);
  /* Cards are not selectable items: keep the flow box out of the focus chain. */
  gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
}

void
seg_dashboard_pane_set_fit_first_row (SegDashboardPane *self,
                                      gboolean          fit)
{
  SegDashboardPanePrivate *priv;

  g_return_if_fail (SEG_IS_DASHBOARD_PANE (self));

  priv = seg_dashboard_pane_get_instance_private (self);
  priv->fit_first_row = fit;
  adjustment_changed_cb (self);
}

void
seg_dashboard_pane_add_bottom (SegDashboardPane *self,
                               GtkWidget        *widget)
{
  SegDashboardPanePrivate *priv;

  g_return_if_fail (SEG_IS_DASHBOARD_PANE (self));

  priv = seg_dashboard_pane_get_instance_private (self);
  gtk_box_append (priv->bottom_box, widget);
}

GtkWidget *
seg_dashboard_pane_card_new (const char *title,
                             GtkWidget  *child)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "control-card");
  gtk_widget_add_css_class (label, "control-card-title");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  if (child)
    gtk_box_append (GTK_BOX (box), child);
  return box;
}

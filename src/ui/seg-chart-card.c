/* seg-chart-card.c — a dashboard card: title, chart, ⋮ menu (export, copy)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-chart-card"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "seg-chart-card.h"
#include "seg-window.h"

#define EXPORT_WIDTH  1600
#define EXPORT_HEIGHT 1000
/* the height of the controls row above a chart with controls */
#define HEADER_CONTROLS_HEIGHT 40

struct _SegChartCard
{
  GtkWidget     parent_instance;

  GtkOverlay   *overlay;
  GtkWidget    *header;
  GtkLabel     *title_label;
  GtkBox       *extra_box;
  GtkWidget    *menu_button;
  SegChartView *view;

  SegChartKind  kind;
  char         *title;
  char         *colour_by;     /* NULL: the window's "Colour by" */
  int           chart_height;

  GtkFileChooserNative *chooser;
  SegChartFormat        chooser_format;
};

static void seg_chart_card_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SegChartCard, seg_chart_card, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, seg_chart_card_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

enum
{
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_COLOUR_BY,
  PROP_CHART_HEIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
seg_chart_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      /* registered once for the life of the process: never freed */
      GEnumValue *values = g_new0 (GEnumValue, SEG_N_CHARTS + 1);
      GType type;

      for (guint k = 0; k < SEG_N_CHARTS; k++)
        {
          values[k].value = (int) k;
          values[k].value_name = g_strdup_printf ("SEG_CHART_%s", seg_chart_kind_id ((SegChartKind) k));
          values[k].value_nick = seg_chart_kind_id ((SegChartKind) k);
        }
      type = g_enum_register_static (g_intern_static_string ("SegChartKind"), values);
      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

typedef struct
{
  SegChartView *view;
  double        scale;
} DrawData;

static void
draw_cb (cairo_t  *cr,
         double    width,
         double    height,
         gpointer  user_data)
{
  DrawData *data = user_data;

  seg_chart_view_draw (data->view, cr, width, height, data->scale);
}

/* Exports and copies pass scale 0: the style of Export All at their size,
 * so a card's PNG and the same chart from Export All are the same file. */
#define EXPORT_STYLE 0.0

static void
notify_user (SegChartCard *self,
             const char   *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (SEG_IS_WINDOW (root))
    seg_window_add_toast (SEG_WINDOW (root), message);
}

typedef struct
{
  SegChartCard *card;
  char         *path;
} Export;

static void
export_free (Export *export)
{
  g_object_unref (export->card);
  g_free (export->path);
  g_free (export);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_free)

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Export) export = user_data;
  g_autoptr(GError) error = NULL;

  if (seg_chart_view_export_finish (SEG_CHART_VIEW (source), result, &error))
    {
      g_autofree char *base = g_path_get_basename (export->path);
      g_autofree char *message = g_strdup_printf (_("Saved “%s”"), base);
      notify_user (export->card, message);
    }
  else
    notify_user (export->card, error->message);
}

static void
chooser_response_cb (SegChartCard         *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      /* a chart of a million customers takes a while: draw it on a worker */
      if (path != NULL)
        {
          Export *export = g_new0 (Export, 1);

          export->card = g_object_ref (self);
          export->path = g_strdup (path);
          seg_chart_view_export_async (self->view, path, self->chooser_format, EXPORT_WIDTH, EXPORT_HEIGHT,
                                       EXPORT_STYLE, NULL, exported_cb, export);
        }
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SegChartCard *self = SEG_CHART_CARD (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;

  if (self->chooser || !seg_chart_format_from_string (format, &self->chooser_format))
    return;
  name = g_strdup_printf ("%s.%s", seg_chart_kind_id (seg_chart_view_get_kind (self->view)), format);
  self->chooser = gtk_file_chooser_native_new (_("Export Chart"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
copied_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SegChartCard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = seg_chart_view_render_texture_finish (SEG_CHART_VIEW (source), result, &error);

  if (texture == NULL)
    {
      notify_user (self, error->message);
      return;
    }
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  notify_user (self, _("Chart copied"));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SegChartCard *self = SEG_CHART_CARD (widget);
  int width = MAX (gtk_widget_get_width (GTK_WIDGET (self->view)), 400) * 2;
  int height = MAX (gtk_widget_get_height (GTK_WIDGET (self->view)), 250) * 2;

  seg_chart_view_render_texture_async (self->view, width, height, EXPORT_STYLE, NULL,
                                       copied_cb, g_object_ref (self));
}

/* <child type="header"> in a .ui file: seg_chart_card_add_header_widget () */
static void
seg_chart_card_add_child (GtkBuildable *buildable,
                          GtkBuilder   *builder,
                          GObject      *child,
                          const char   *type)
{
  if (g_strcmp0 (type, "header") == 0)
    seg_chart_card_add_header_widget (SEG_CHART_CARD (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
seg_chart_card_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = seg_chart_card_add_child;
}

static void
seg_chart_card_dispose (GObject *object)
{
  SegChartCard *self = SEG_CHART_CARD (object);

  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_CHART_CARD);
  G_OBJECT_CLASS (seg_chart_card_parent_class)->dispose (object);
}

static void
seg_chart_card_finalize (GObject *object)
{
  SegChartCard *self = SEG_CHART_CARD (object);

  g_free (self->title);
  g_free (self->colour_by);
  G_OBJECT_CLASS (seg_chart_card_parent_class)->finalize (object);
}

/* The chart is made once its kind is known. */
static void
seg_chart_card_constructed (GObject *object)
{
  SegChartCard *self = SEG_CHART_CARD (object);
  /* The chart draws its own title; the card keeps it for assistive technology. */
  const char *title = self->title ? self->title : seg_chart_kind_title (self->kind);

  G_OBJECT_CLASS (seg_chart_card_parent_class)->constructed (object);
  gtk_label_set_label (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  self->view = SEG_CHART_VIEW (seg_chart_view_new (self->kind));
  seg_chart_view_set_colour_by (self->view, self->colour_by);
  gtk_widget_set_vexpand (GTK_WIDGET (self->view), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->view), 320, self->chart_height);
  gtk_overlay_set_child (self->overlay, GTK_WIDGET (self->view));
  if (gtk_widget_get_first_child (GTK_WIDGET (self->extra_box)) != NULL)
    gtk_widget_set_margin_top (GTK_WIDGET (self->view), HEADER_CONTROLS_HEIGHT);
}

static void
seg_chart_card_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SegChartCard *self = SEG_CHART_CARD (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title ? self->title : seg_chart_kind_title (self->kind));
      break;
    case PROP_COLOUR_BY:
      g_value_set_string (value, self->colour_by);
      break;
    case PROP_CHART_HEIGHT:
      g_value_set_int (value, self->chart_height);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_chart_card_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SegChartCard *self = SEG_CHART_CARD (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = (SegChartKind) g_value_get_enum (value);
      break;
    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;
    case PROP_COLOUR_BY:
      self->colour_by = g_value_dup_string (value);
      break;
    case PROP_CHART_HEIGHT:
      seg_chart_card_set_chart_height (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_chart_card_class_init (SegChartCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_chart_card_dispose;
  object_class->finalize = seg_chart_card_finalize;
  object_class->constructed = seg_chart_card_constructed;
  object_class->get_property = seg_chart_card_get_property;
  object_class->set_property = seg_chart_card_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, SEG_TYPE_CHART_KIND, SEG_CHART_KPIS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* NULL: the catalogue's title of the kind */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the segmentation the chart is coloured by; NULL: the window's choice */
  properties[PROP_COLOUR_BY] =
    g_param_spec_string ("colour-by", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the height of the chart area in pixels */
  properties[PROP_CHART_HEIGHT] =
    g_param_spec_int ("chart-height", NULL, NULL, 1, G_MAXINT, 400,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/seg-chart-card.ui");
  gtk_widget_class_bind_template_child (widget_class, SegChartCard, overlay);
  gtk_widget_class_bind_template_child (widget_class, SegChartCard, header);
  gtk_widget_class_bind_template_child (widget_class, SegChartCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, SegChartCard, extra_box);
  gtk_widget_class_bind_template_child (widget_class, SegChartCard, menu_button);
  gtk_widget_class_install_action (widget_class, "card.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "card.copy", NULL, copy_action);
}

static void
seg_chart_card_init (SegChartCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->chart_height = 400;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
}

SegChartView *
seg_chart_card_get_view (SegChartCard *self)
{
  g_return_val_if_fail (SEG_IS_CHART_CARD (self), NULL);
  return self->view;
}

void
seg_chart_card_bind_window (SegChartCard *self,
                            SegWindow    *window)
{
  g_return_if_fail (SEG_IS_CHART_CARD (self));
  g_return_if_fail (SEG_IS_WINDOW (window));

  seg_chart_view_bind_window (self->view, window, self->colour_by == NULL);
}

SegChartKind
seg_chart_card_get_kind (SegChartCard *self)
{
  g_return_val_if_fail (SEG_IS_CHART_CARD (self), SEG_CHART_KPIS);
  return seg_chart_view_get_kind (self->view);
}

void
seg_chart_card_add_header_widget (SegChartCard *self,
                                  GtkWidget    *widget)
{
  g_return_if_fail (SEG_IS_CHART_CARD (self));
  gtk_box_append (self->extra_box, widget);
  /* a card made from a .ui file gets its chart after its header widgets */
  if (self->view == NULL)
    return;
  /* The controls sit over the chart's top right corner, where a narrow
   * card would also draw the start of the title: the chart starts below
   * them instead. */
  gtk_widget_set_margin_top (GTK_WIDGET (self->view), HEADER_CONTROLS_HEIGHT);
}

void
seg_chart_card_set_chart_height (SegChartCard *self,
                                 int           height)
{
  g_return_if_fail (SEG_IS_CHART_CARD (self));
  g_return_if_fail (height > 0);

  if (self->chart_height == height)
    return;
  self->chart_height = height;
  /* before "constructed" there is no chart yet: it takes the height then */
  if (self->view != NULL)
    gtk_widget_set_size_request (GTK_WIDGET (self->view), 320, height);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART_HEIGHT]);
}

gboolean
seg_chart_card_export_to (SegChartCard   *self,
                          const char     *path,
                          SegChartFormat  format,
                          int             width,
                          int             height,
                          GError        **error)
{
  DrawData data;

  g_return_val_if_fail (SEG_IS_CHART_CARD (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data.view = self->view;
  data.scale = EXPORT_STYLE;
  return seg_chart_export (path, format, width, height, draw_cb, &data, error);
}

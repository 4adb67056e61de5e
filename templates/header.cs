<?cs # header.cs — the top of every page: document head, site banner and the navigation bar (Nav,
  set by the worker).
  A page may describe itself for search engines and shared links (Page.Description, a child's
  alias and place at most); else the programme's Site.Description stands. The back office is
  marked noindex, and so is a child's page unless Site.IndexChildren; /robots.txt keeps the back
  office and the donors' own pages out as well (cgi/public/ui-robots.c). Every page
  has the switch of the large-text mode (cgi/textsize.h), which returns to Page.Here. Shared
  links show the programme's own picture (static/og.png, from conf/og-image.html) on every public
  page: never a child's photo.
  needs: Page.Title Site.Name Site.Demo Page.Admin Site.Tagline Nav.*.href Nav.*.current Nav.*.label
    Who.name Who.role_label Who.region_name Csrf Page.Print Page.Description Site.Description
    Page.Large Page.Here Page.NoIndex Site.URL
?><?cs if:!Page.Description ?><?cs set:Page.Description = Site.Description ?><?cs /if ?><!DOCTYPE html>
<html lang="zh-CN"<?cs if:Page.Large ?> class="large"<?cs /if ?>>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:Page.Title ?><?cs var:Page.Title ?> · <?cs /if ?><?cs var:Site.Name ?></title>
<meta name="description" content="<?cs var:Page.Description ?>"><?cs if:Page.Admin || Page.NoIndex ?>
<meta name="robots" content="noindex, nofollow"><?cs /if ?><?cs if:!Page.Admin ?>
<meta property="og:type" content="website">
<meta property="og:site_name" content="<?cs var:Site.Name ?>">
<meta property="og:title" content="<?cs if:Page.Title ?><?cs var:Page.Title ?> · <?cs /if ?><?cs
  var:Site.Name ?>">
<meta property="og:description" content="<?cs var:Page.Description ?>">
<meta property="og:image" content="<?cs var:Site.URL ?>/static/og.png">
<meta property="og:image:width" content="1200">
<meta property="og:image:height" content="630">
<meta property="og:image:alt" content="<?cs var:Site.Name ?>：<?cs var:Site.Tagline ?>"><?cs /if ?>
<link rel="stylesheet" href="/static/style.css"><?cs if:Page.Print ?>
<link rel="stylesheet" href="/static/print.css" media="print"><?cs /if ?>
</head>
<body<?cs if:Page.Admin ?> class="admin"<?cs /if ?>>
<a class="skip" href="#main">跳到正文</a>
<?cs if:Site.Demo == 1 ?><aside class="demo" aria-label="演示环境">演示环境：本站所有儿童信息均为虚构，不代表真实儿童。</aside><?cs /if ?>
<header class="top">
<a class="brand" href="<?cs if:Page.Admin ?>/admin<?cs else ?>/<?cs /if ?>"><?cs
  var:Site.Name ?><small><?cs if:Page.Admin ?>工作平台<?cs else ?><?cs
  var:Site.Tagline ?><?cs /if ?></small></a>
<nav aria-label="<?cs if:Page.Admin ?>工作平台导航<?cs else ?>网站导航<?cs /if ?>">
<?cs each:n = Nav ?><a href="<?cs var:n.href ?>"<?cs
  if:n.current ?> aria-current="page"<?cs /if ?>><?cs var:n.label ?></a>
<?cs /each ?><?cs if:Page.Admin && Who.name ?><span class="who"><?cs var:Who.name ?> · <?cs
  var:Who.role_label ?> · <?cs var:Who.region_name ?></span>
<form method="post" action="/admin/logout" class="inline"><?cs #
  ?><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs #
  ?><button type="submit" class="link">退出</button></form>
<?cs /if ?></nav>
<a class="textsize" href="/text?size=<?cs if:Page.Large ?>normal<?cs else ?>large<?cs /if ?>&amp;back=<?cs
  var:url_escape(Page.Here) ?>"><?cs if:Page.Large ?>标准字号<?cs else ?>大字模式<?cs /if ?></a>
</header>
<main id="main">

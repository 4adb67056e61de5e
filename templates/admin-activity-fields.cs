<?cs # admin-activity-fields.cs — a draft activity's fields, inside the form of the new-activity page
  and of every activity's page: the whole activity as the public will see it, while it is new or a
  draft (once published, the page's own fields are all it may change); refused, what was typed.
  Brings fields.cs to both pages.
  needs: Activity.slug Activity.title Activity.goal Activity.starts_on Activity.state
    Regions MayProvince Invalid.Typed
?><?cs include:"fields.cs" ?><?cs if:!Activity.state || Activity.state == "draft" ?><label>网址名（小写字母、数字和连字符，用于 /activities/网址名） <input<?cs #
  ?> type="text"<?cs call:field("slug") ?> required maxlength="40" pattern="[a-z0-9][a-z0-9-]+"<?cs #
  ?> value="<?cs call:again("slug", Activity.slug) ?>"><?cs call:field_error("slug") ?></label>
<label>标题 <input type="text"<?cs call:field("title") ?> required maxlength="40" value="<?cs
  call:again("title", Activity.title) ?>"><?cs call:field_error("title") ?></label>
<label>目标金额（元） <input type="text"<?cs call:field("goal_yuan") ?> required inputmode="decimal"<?cs #
  ?> maxlength="12" value="<?cs call:again("goal_yuan", Activity.goal) ?>"><?cs
  call:field_error("goal_yuan") ?></label>
<label>开始日期 <input<?cs call:field("from") ?> type="date" aria-required="true" value="<?cs
  call:again("from", Activity.starts_on) ?>"><?cs call:field_error("from") ?></label>
<label>地区 <select<?cs call:field("region") ?>><?cs if:MayProvince == 1 ?><option value="">全省</option><?cs
  /if ?><?cs uvar:Regions ?></select><?cs call:field_error("region") ?></label>
<?cs /if ?>
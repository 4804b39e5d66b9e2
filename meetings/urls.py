from django.urls import path

from meetings import views

app_name = "meetings"

G = "<slug:slug>/"
M = G + "meetings/<int:number>/"
P = G + "proposals/<int:pk>/"

urlpatterns = [
    path("", views.group_list, name="group_list"),
    path(G, views.group_detail, name="group_detail"),
    path(G + "calendar.ics", views.group_ics, name="group_ics"),
    path(G + "decisions/", views.decision_list, name="decision_list"),
    # proposals
    path(G + "proposals/", views.proposal_list, name="proposal_list"),
    path(G + "proposals/mine/", views.my_proposals, name="my_proposals"),
    path(G + "proposals/new/", views.proposal_create, name="proposal_create"),
    path(P, views.proposal_detail, name="proposal_detail"),
    path(P + "edit/", views.proposal_edit, name="proposal_edit"),
    path(P + "withdraw/", views.proposal_withdraw_view, name="proposal_withdraw"),
    path(P + "files/<int:attachment_pk>/", views.attachment_download, name="attachment_download"),
    path(P + "review/", views.proposal_review, name="proposal_review"),
    path(P + "merge/", views.proposal_merge_view, name="proposal_merge"),
    path(P + "agenda/", views.proposal_agenda_view, name="proposal_agenda"),
    path(P + "answer/", views.proposal_answer_view, name="proposal_answer"),
    path(P + "measure/", views.proposal_measure_view, name="proposal_measure"),
    path(P + "measure/confirm/", views.proposal_measure_confirm, name="proposal_measure_confirm"),
    # members
    path(G + "members/", views.member_manage, name="member_manage"),
    path(G + "members/new/", views.member_edit, name="member_create"),
    path(G + "members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    # meetings
    path(G + "meetings/", views.meeting_list, name="meeting_list"),
    path(G + "meetings/new/", views.meeting_edit, name="meeting_create"),
    path(M, views.meeting_detail, name="meeting_detail"),
    path(M + "calendar.ics", views.meeting_ics, name="meeting_ics"),
    path(M + "manage/", views.meeting_manage, name="meeting_manage"),
    path(M + "edit/", views.meeting_edit, name="meeting_edit"),
    path(M + "agenda/", views.agenda_add, name="agenda_add"),
    path(
        M + "agenda/<int:item_pk>/<slug:action>/",
        views.agenda_change,
        name="agenda_change",
    ),
    path(M + "invite/", views.meeting_invite, name="meeting_invite"),
    path(M + "attendance/", views.attendance_edit, name="attendance_edit"),
    path(M + "minutes/", views.minutes_edit, name="minutes_edit"),
    path(M + "minutes/approve/", views.minutes_approve_view, name="minutes_approve"),
    path(M + "decisions/new/", views.decision_edit, name="decision_create"),
    path(M + "decisions/<int:pk>/edit/", views.decision_edit, name="decision_edit"),
    path(M + "publish/", views.meeting_publish_view, name="meeting_publish"),
    path(M + "publish/confirm/", views.meeting_publish_confirm, name="meeting_publish_confirm"),
]

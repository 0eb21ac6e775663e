import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { StatusTag } from '../../../components/StatusTag';
import { formatDateTime } from '@mc/web-api';
import { announceDays, getCalendar, getProposal, parseSessions, sessionsText, setUnitHours, WEEKDAYS, type DayOff, type WeeklyHours } from '../api/calendar-api';

const displayDay = (date: string) => date.split('-').reverse().join('/');

/** The year's calendar: the days off as proposed or announced, the announcement itself, and a unit's own office hours. */
export function CalendarPage({ isProvinceAdmin, defaultUnit }: { isProvinceAdmin: boolean; defaultUnit: string }) {
  const [year, setYear] = useState(new Date().getFullYear());
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>Lịch làm việc</Typography.Title>
      <Space>
        <label htmlFor="calendar-year">Năm</label>
        <InputNumber id="calendar-year" min={2000} max={2199} value={year} onChange={(value) => value && setYear(value)} />
      </Space>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <YearDays key={year} year={year} editable={isProvinceAdmin} />
        </Col>
        <Col xs={24} xl={10}>
          <UnitHours year={year} defaultUnit={defaultUnit} />
        </Col>
      </Row>
    </Space>
  );
}

function YearDays({ year, editable }: { year: number; editable: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const calendar = useQuery({ queryKey: ['calendar', year, null], queryFn: () => getCalendar(year) });
  // The list being edited: null while the saved days are shown as they are.
  const [draft, setDraft] = useState<DayOff[] | null>(null);
  const [newDay, setNewDay] = useState<Dayjs | null>(null);
  const [newName, setNewName] = useState('');
  const proposal = useMutation({ mutationFn: () => getProposal(year), onSuccess: (proposed) => setDraft(proposed.holidays.map(({ date, name }) => ({ date, name }))) });
  const announce = useMutation({
    mutationFn: () => announceDays(year, draft ?? [], (calendar.data?.swappedWorkingDays ?? []).map(({ date, name }) => ({ date, name })), calendar.data?.revision ?? 0),
    onSuccess: async () => {
      message.success(`Đã công bố lịch nghỉ năm ${year}.`);
      setDraft(null);
      await queryClient.invalidateQueries({ queryKey: ['calendar', year] });
    },
  });
  const saved = calendar.data;
  const holidays = saved?.nonWorkingDays.filter((day) => day.kind === 'holiday').map(({ date, name }) => ({ date, name })) ?? [];
  const shown = draft ?? holidays;
  const failure = calendar.error ?? proposal.error ?? announce.error;

  return (
    <Card
      size="small"
      title={`Ngày nghỉ lễ, Tết năm ${year}`}
      extra={
        saved &&
        (draft ? <StatusTag tone="info">Đang soạn, chưa lưu</StatusTag> : saved.daysProposed ? <StatusTag tone="warning">Đề xuất, chưa công bố</StatusTag> : saved.daysAnnounced ? <StatusTag tone="good">Đã công bố</StatusTag> : <StatusTag tone="neutral">Chưa nhập</StatusTag>)
      }
    >
      {failure && <ErrorAlert error={failure} />}
      {saved?.updatedAt && !draft && (
        <Typography.Paragraph type="secondary">
          Cập nhật lần cuối {formatDateTime(saved.updatedAt)} bởi {saved.updatedBy}.
        </Typography.Paragraph>
      )}
      <Table<DayOff>
        rowKey="date"
        size="small"
        loading={calendar.isFetching}
        pagination={false}
        dataSource={shown}
        columns={[
          { title: 'Ngày', dataIndex: 'date', width: 120, render: displayDay },
          { title: 'Tên ngày nghỉ', dataIndex: 'name' },
          ...(editable && draft
            ? [
                {
                  title: '',
                  width: 80,
                  render: (_: unknown, day: DayOff) => (
                    <Button size="small" danger aria-label={`Bỏ ngày ${displayDay(day.date)}`} onClick={() => setDraft(draft.filter((other) => other.date !== day.date))}>
                      Bỏ
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editable && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
          {draft && (
            <Space wrap>
              <DatePicker aria-label="Ngày nghỉ thêm" format="DD/MM/YYYY" value={newDay} onChange={setNewDay} />
              <Input aria-label="Tên ngày nghỉ thêm" placeholder="Tên ngày nghỉ" value={newName} onChange={(event) => setNewName(event.target.value)} style={{ width: 220 }} />
              <Button
                disabled={!newDay || !newName.trim()}
                onClick={() => {
                  if (!newDay) return;
                  setDraft([...draft, { date: newDay.format('YYYY-MM-DD'), name: newName.trim() }].sort((a, b) => a.date.localeCompare(b.date)));
                  setNewDay(null);
                  setNewName('');
                }}
              >
                Thêm ngày
              </Button>
            </Space>
          )}
          <Space wrap>
            <Button onClick={() => proposal.mutate()} loading={proposal.isPending}>
              Lấy đề xuất theo Bộ luật Lao động
            </Button>
            {!draft && <Button onClick={() => setDraft(holidays)}>Sửa danh sách</Button>}
            {draft && (
              <>
                <Button type="primary" loading={announce.isPending} onClick={() => announce.mutate()}>
                  Công bố lịch nghỉ năm {year}
                </Button>
                <Button onClick={() => setDraft(null)}>Hủy</Button>
              </>
            )}
          </Space>
          {proposal.data && draft && <Alert type="info" showIcon message={proposal.data.note} />}
        </Space>
      )}
    </Card>
  );
}

function UnitHours({ year, defaultUnit }: { year: number; defaultUnit: string }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [unit, setUnit] = useState(defaultUnit);
  const calendar = useQuery({ queryKey: ['calendar', year, unit], queryFn: () => getCalendar(year, unit) });
  const save = useMutation({
    mutationFn: (input: Record<string, string>) => {
      const weeklyHours = Object.fromEntries(
        WEEKDAYS.flatMap(({ key }) => {
          const sessions = parseSessions(input[key] ?? '');
          return sessions.length > 0 ? [[key, sessions]] : [];
        }),
      ) as WeeklyHours;
      return setUnitHours(unit, weeklyHours, input.cutOff?.trim() || null, calendar.data?.unitOverride?.revision);
    },
    onSuccess: async () => {
      message.success(`Đã lưu giờ làm việc của đơn vị ${unit}.`);
      await queryClient.invalidateQueries({ queryKey: ['calendar', year, unit] });
    },
  });
  const view = calendar.data;
  return (
    <Card
      size="small"
      title="Giờ làm việc của đơn vị"
      extra={<Input.Search aria-label="Mã đơn vị" defaultValue={defaultUnit} enterButton="Xem" style={{ width: 200 }} onSearch={(value) => value.trim() && setUnit(value.trim().toUpperCase())} />}
    >
      {calendar.error && <ErrorAlert error={calendar.error} />}
      {save.error && <ErrorAlert error={save.error} />}
      {view && !calendar.isFetching && (
        <Form
          name="hours"
          key={`${unit}-${view.unitOverride?.revision ?? 0}`}
          layout="horizontal"
          labelCol={{ span: 8 }}
          initialValues={{ ...Object.fromEntries(WEEKDAYS.map(({ key }) => [key, sessionsText(view.weeklyHours[key])])), cutOff: view.cutOff }}
          onFinish={(input) => save.mutate(input)}
        >
          <Typography.Paragraph>
            {view.unitName ?? unit}: {view.unitOverride ? 'có giờ làm việc riêng' : 'theo giờ làm việc của tỉnh'}. Mỗi ngày ghi các ca dạng 07:30-11:30, 13:30-17:00; để trống là ngày nghỉ hằng tuần.
          </Typography.Paragraph>
          {WEEKDAYS.map(({ key, label }) => (
            <Form.Item key={key} name={key} label={label} style={{ marginBottom: 8 }}>
              <Input />
            </Form.Item>
          ))}
          <Form.Item name="cutOff" label="Giờ chốt tiếp nhận" extra="Hồ sơ nhận sau giờ này được coi là nhận vào ngày làm việc tiếp theo.">
            <Input style={{ width: 120 }} />
          </Form.Item>
          <Button htmlType="submit" loading={save.isPending}>
            Lưu giờ làm việc của đơn vị
          </Button>
        </Form>
      )}
    </Card>
  );
}

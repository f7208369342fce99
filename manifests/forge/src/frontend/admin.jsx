// Jira settings → Apps → Deskpilot. Forge renders this page (UI Kit) for site admins only; every call goes to the
// Deskpilot service through invokeRemote, with a Forge Invocation Token the service verifies.
import React, { useEffect, useState } from 'react';
import ForgeReconciler, { Button, Form, FormFooter, FormSection, Heading, Label, Link, SectionMessage, Stack, Text,
  Textfield, useForm } from '@forge/react';
import { invokeRemote } from '@forge/bridge';

const call = (body) => invokeRemote({ path: '/apps/jira/admin', method: 'POST', body })
  .then((response) => response.body);

const App = () => {
  const [status, setStatus] = useState(null);
  const [error, setError] = useState(null);
  const { handleSubmit, register, getFieldId } = useForm();

  useEffect(() => { call({ action: 'status' }).then(setStatus).catch((e) => setError(String(e))); }, []);

  const save = (values) => call({ action: 'configure', settings: { projectKey: values.projectKey }, enabled: true })
    .then((s) => { setStatus(s); setError(null); })
    .catch((e) => setError(String(e)));

  if (error && !status) {
    return <SectionMessage appearance="error"><Text>Deskpilot cannot be reached: {error}</Text></SectionMessage>;
  }
  if (!status) {
    return <Text>Loading…</Text>;
  }
  return (
    <Stack space="space.200">
      <Heading as="h2">Deskpilot</Heading>
      <SectionMessage appearance={status.enabled ? 'success' : 'warning'}>
        <Text>{status.enabled
          ? `Answering requests in ${status.settings.projectKey} (installation ${status.installation}).`
          : 'Connected, not answering yet: choose the service project Deskpilot works on.'}</Text>
      </SectionMessage>
      {error && <SectionMessage appearance="error"><Text>{error}</Text></SectionMessage>}
      <Form onSubmit={handleSubmit(save)}>
        <FormSection>
          <Label labelFor={getFieldId('projectKey')}>Service project key</Label>
          <Textfield {...register('projectKey', { required: true })} defaultValue={status.settings.projectKey || ''} />
        </FormSection>
        <FormFooter>
          <Button appearance="primary" type="submit">Save and enable</Button>
        </FormFooter>
      </Form>
      {status.consoleUrl && <Link href={status.consoleUrl} openNewTab>Open the Deskpilot admin console</Link>}
    </Stack>
  );
};

ForgeReconciler.render(<React.StrictMode><App /></React.StrictMode>);
